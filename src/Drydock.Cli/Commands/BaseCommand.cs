using System.CommandLine;
using System.Text.Json;
using Drydock.Catalog;
using Drydock.Project;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Spectre.Console;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock base add|sync|list|remove</c>: the hardened base catalog in the project database.</summary>
public static class BaseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
        => new("base", "Manage the catalog of hardened base images (stored in the project database)")
        {
            CreateAdd(context), CreateSync(context), CreateList(context), CreateRemove(context),
        };

    private static Command CreateAdd(CliContext context)
    {
        var refs = new Argument<string[]>("REF") { Description = "Registry images to add: NAME[:TAG|@DIGEST] (an index adds every platform)", Arity = ArgumentArity.OneOrMore };
        var db = ProjectDatabaseOption.Create();
        var registry = new RegistryOptions();
        var command = new Command("add", "Add images to the catalog: manifest digest, platforms, tags, diff-ID chain, creation time") { refs, db };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var references = parse.GetValue(refs)!.Select(ParseRegistryReference).ToList();
            var resolver = new BaseImageResolver(new RegistryImageSource(), await registry.SourceOptionsAsync(parse, context).ConfigureAwait(false));
            await using var database = await OpenAsync(parse.GetValue(db), cancellationToken).ConfigureAwait(false);
            var store = new SqlBaseCatalogStore(database);
            foreach (var reference in references)
            {
                var resolved = await resolver.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
                await AddAsync(store, resolved, cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync($"added {Describe(resolved)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateSync(CliContext context)
    {
        var repository = new Argument<string>("REGISTRY/REPO") { Description = "The repository whose every tag is added (tags/list, all pages)" };
        var db = ProjectDatabaseOption.Create();
        var registry = new RegistryOptions();
        var command = new Command("sync", "Add every tag of a repository to the catalog") { repository, db };
        registry.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(repository)!;
            var reference = ParseRegistryReference(text);
            var lastSegment = text[(text.LastIndexOf('/') + 1)..];
            if (reference.Digest is not null || lastSegment.Contains(':', StringComparison.Ordinal))
            {
                throw new DrydockInputException($"base sync takes a repository without tag or digest, not '{text}' (use 'drydock base add' for one image)");
            }

            var resolver = new BaseImageResolver(new RegistryImageSource(), await registry.SourceOptionsAsync(parse, context).ConfigureAwait(false));
            await using var database = await OpenAsync(parse.GetValue(db), cancellationToken).ConfigureAwait(false);
            var store = new SqlBaseCatalogStore(database);
            var (tags, images) = (0, 0);
            await foreach (var resolved in resolver.ResolveRepositoryAsync(reference, cancellationToken).ConfigureAwait(false))
            {
                await AddAsync(store, resolved, cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync($"added {Describe(resolved)}").ConfigureAwait(false);
                tags++;
                images += resolved.Images.Count;
            }

            if (tags == 0)
            {
                throw new DrydockInputException($"{reference.Registry}/{reference.Repository} has no tags");
            }

            await context.Output.WriteLineAsync($"synced {reference.Registry}/{reference.Repository}: {tags} tags, {images} platform images").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var db = ProjectDatabaseOption.Create();
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "List the catalog's base images") { db, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var database = await OpenAsync(parse.GetValue(db), cancellationToken).ConfigureAwait(false);
            var images = await new SqlBaseCatalogStore(database).ListAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize([.. images], CatalogJsonContext.Default.ListBaseImage)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (images.Count == 0)
            {
                await context.Output.WriteLineAsync($"the catalog in {database.Display} is empty (add bases with 'drydock base add' or 'drydock base sync')").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = context.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = context.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(context.Output),
                Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 160;
            var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"Hardened bases ({images.Count})")
                .AddColumn("Repository").AddColumn("Tags").AddColumn("Platform").AddColumn("Digest").AddColumn(new TableColumn("Layers").RightAligned()).AddColumn("Created");
            foreach (var image in images)
            {
                table.AddRow(Markup.Escape(image.Repository), Markup.Escape(string.Join(", ", image.Tags)), Markup.Escape(image.Platform),
                    image.ManifestDigest.Length > 19 ? image.ManifestDigest[..19] : image.ManifestDigest, image.DiffIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    image.Created?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateRemove(CliContext context)
    {
        var target = new Argument<string>("REF|DIGEST") { Description = "A catalogued image (NAME:TAG, NAME@DIGEST) or a bare digest (every repository)" };
        var db = ProjectDatabaseOption.Create();
        var command = new Command("remove", "Remove an image (every platform of an index) from the catalog") { target, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(target)!;
            await using var database = await OpenAsync(parse.GetValue(db), cancellationToken).ConfigureAwait(false);
            var store = new SqlBaseCatalogStore(database);
            int removed;
            if (Digest.TryParse(text, out var bare))
            {
                removed = await store.RemoveDigestAsync(null, bare.ToString(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var reference = ParseRegistryReference(text);
                var repository = $"{reference.Registry}/{reference.Repository}";
                var digest = reference.Digest?.ToString()
                    ?? await store.ResolveTagAsync(repository, reference.Tag!, cancellationToken).ConfigureAwait(false)
                    ?? throw new DrydockInputException($"{reference} is not in the catalog (see 'drydock base list')");
                removed = await store.RemoveDigestAsync(repository, digest, cancellationToken).ConfigureAwait(false);
            }

            if (removed == 0)
            {
                throw new DrydockInputException($"{text} is not in the catalog (see 'drydock base list')");
            }

            await context.Output.WriteLineAsync($"removed {text}: {removed} platform image{(removed == 1 ? "" : "s")}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the project database named by <paramref name="given"/>, $DRYDOCK_DB or the default file.</summary>
    public static Task<IProjectDatabase> OpenAsync(string? given, CancellationToken cancellationToken)
        => ProjectDatabase.OpenAsync(ProjectDatabaseOption.Resolve(given, out _), cancellationToken);

    /// <summary>Records a resolved image in the catalog under its tag (if any).</summary>
    internal static Task AddAsync(IBaseCatalogStore store, ResolvedBase resolved, CancellationToken cancellationToken)
        => store.AddAsync(resolved.Images, resolved.Repository, resolved.RootDigest, resolved.Tag is { } tag ? [tag] : [], cancellationToken);

    /// <summary>One line naming the image and its platforms.</summary>
    internal static string Describe(ResolvedBase resolved)
    {
        var name = resolved.Tag is { } tag ? $"{resolved.Repository}:{tag}" : resolved.Repository;
        var platforms = string.Join(", ", resolved.Images.Select(i => $"{i.Platform} ({i.DiffIds.Count} layers)"));
        return $"{name}@{resolved.RootDigest}: {platforms}";
    }

    private static RegistryReference ParseRegistryReference(string text)
    {
        var reference = ImageReference.Parse(text);
        return reference.Registry ?? throw new DrydockInputException($"'{text}' is not a registry image: the catalog records images from a registry (push it first)");
    }
}
