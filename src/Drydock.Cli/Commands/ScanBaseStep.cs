using System.CommandLine;
using Drydock.Project;

namespace Drydock.Cli.Commands;

/// <summary>The scan's base detection options: <c>--db</c> (the catalog) and <c>--ignore-base</c>.</summary>
public sealed class ScanBaseStep
{
    private readonly Option<string?> _db = ProjectDatabaseOption.Create();
    private readonly Option<bool> _ignoreBase = new("--ignore-base") { Description = "Hide findings that come from the hardened base's layers (the report says how many)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_db);
        command.Options.Add(_ignoreBase);
    }

    /// <summary>Whether <c>--ignore-base</c> was given.</summary>
    public bool IgnoreBase(ParseResult parse) => parse.GetValue(_ignoreBase);

    /// <summary>Where the catalog is looked for, as the user would recognise it.</summary>
    public string CatalogLocation(ParseResult parse) => ProjectDatabaseOption.Resolve(parse.GetValue(_db), out _).Display;

    /// <summary>Opens the project database that holds the catalog, or null: without <c>--db</c> or $DRYDOCK_DB the default
    /// database is read only when it exists (a scan never creates one).</summary>
    public async Task<IProjectDatabase?> OpenCatalogAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var location = ProjectDatabaseOption.Resolve(parse.GetValue(_db), out var chosen);
        return !chosen && location.Kind == ProjectDatabaseKind.Sqlite && !File.Exists(location.Target)
            ? null
            : await ProjectDatabase.OpenAsync(location, cancellationToken).ConfigureAwait(false);
    }
}
