using System.CommandLine;
using Drydock.Project;

namespace Drydock.Cli.Commands;

/// <summary>The <c>--db</c> option and where the project database is when it is not given: $DRYDOCK_DB, else
/// $XDG_DATA_HOME/drydock/drydock.db, else ~/.local/share/drydock/drydock.db.</summary>
public static class ProjectDatabaseOption
{
    /// <summary>A fresh <c>--db</c> option.</summary>
    public static Option<string?> Create() => new("--db")
    {
        Description = "The project database: a SQLite file, or postgres://user:pass@host:port/dbname (default $DRYDOCK_DB, else $XDG_DATA_HOME/drydock/drydock.db)",
    };

    /// <summary>The default SQLite file.</summary>
    public static string DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDir = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(baseDir, "drydock", ProjectDatabase.FileName);
    }

    /// <summary>The location named by <paramref name="given"/>, else $DRYDOCK_DB, else the default file; <paramref name="chosen"/>
    /// says whether the user named one (a scan only opens the default file when it exists).</summary>
    public static ProjectDatabaseLocation Resolve(string? given, out bool chosen)
    {
        var named = given ?? (Environment.GetEnvironmentVariable(ProjectDatabase.EnvironmentVariable) is { Length: > 0 } env ? env : null);
        chosen = named is not null;
        return named is null ? ProjectDatabaseLocation.ForSqlite(DefaultPath()) : ProjectDatabaseLocation.Parse(named);
    }
}
