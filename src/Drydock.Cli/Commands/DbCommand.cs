using System.CommandLine;
using System.Globalization;
using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Advisories.Distribution;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock db build|status|update|push|pull</c>: build the advisory database from source files, show what one holds,
/// refresh it from the configured feeds, or carry it through a registry as an OCI artifact.</summary>
public static class DbCommand
{
    /// <summary>The default advisory database: $XDG_CACHE_HOME/drydock/advisories.db (else ~/.cache/drydock/advisories.db).</summary>
    public static string DefaultDatabasePath() => Path.Combine(CachePaths.DefaultCacheDirectory(), AdvisorySchema.DefaultFileName);

    /// <summary>A fresh --advisory-db option (for db status and for scans that read the database).</summary>
    public static Option<string?> AdvisoryDbOption() => new("--advisory-db")
    {
        Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db, else ~/.cache/drydock/advisories.db)",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var sources = new Option<string[]>("--source", "-s")
        {
            Description = "An advisory source file or directory (repeatable; formats are recognised by content: OSV JSON/YAML, Alpine secdb, Debian DSA/DLA list and tracker JSON, NVD 2.0 JSON, CISA KEV JSON, EPSS CSV; gzip accepted)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--output", "-o") { Description = "The database to write (default $XDG_CACHE_HOME/drydock/advisories.db); replaced atomically" };
        var build = new Command("build", "Build the advisory database from source files") { sources, output };
        build.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(output) ?? DefaultDatabasePath();
            var report = await new AdvisoryDatabaseBuilder().BuildAsync(parse.GetValue(sources) ?? [], target, cancellationToken).ConfigureAwait(false);
            await WriteBuildReportAsync(context, report).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var database = AdvisoryDbOption();
        var status = new Command("status", "Show what the advisory database holds: schema version, build date, counts per source and ecosystem") { database };
        status.SetAction(async (parse, cancellationToken) =>
        {
            using var store = AdvisoryStore.Open(parse.GetValue(database) ?? DefaultDatabasePath());
            await WriteStatusAsync(context.Output, store).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return new Command("db", "Manage the advisory database") { build, status, CreateUpdate(context), CreatePush(context), CreatePull(context) };
    }

    private static Command CreateUpdate(CliContext context)
    {
        var sourceConfig = new Option<string?>("--source-config")
        {
            Description = "A JSON or YAML list of feed URLs replacing the defaults (OSV exports, Alpine secdb, KEV, EPSS, NVD 2.0; see docs/advisory-database.md)",
        };
        var database = AdvisoryDbOption();
        var update = new Command("update", "Fetch the advisory feeds that changed (ETag/If-Modified-Since) and rebuild the database when any did") { sourceConfig, database };
        update.SetAction(async (parse, cancellationToken) =>
        {
            var feeds = parse.GetValue(sourceConfig) is { } config ? FeedSourceConfig.Load(config) : DefaultFeeds.For(DateTimeOffset.UtcNow);
            var target = parse.GetValue(database) ?? DefaultDatabasePath();
            var report = await new AdvisoryDatabaseUpdater().UpdateAsync(feeds, target, cancellationToken).ConfigureAwait(false);
            foreach (var feed in report.Feeds)
            {
                var line = feed.Status switch
                {
                    FeedStatus.Updated => Invariant($"updated    {feed.Url} ({feed.Bytes} bytes)"),
                    FeedStatus.Unchanged => $"unchanged  {feed.Url}",
                    _ => $"failed     {feed.Url}: {feed.Error}{(feed.HasCopy ? " (keeping the previous copy)" : string.Empty)}",
                };
                await (feed.Status == FeedStatus.Failed ? context.Error : context.Output).WriteLineAsync(line).ConfigureAwait(false);
            }

            if (report.Build is { } build)
            {
                await WriteBuildReportAsync(context, build).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync($"no feed changed; {report.DatabasePath} is up to date").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return update;
    }

    private static Command CreatePush(CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "Where to push: REGISTRY/REPOSITORY[:TAG] (default tag latest)" };
        var database = AdvisoryDbOption();
        var chunk = new Option<int?>("--chunk-size-mib") { Description = "Uncompressed chunk size in MiB (default 16); unchanged chunks are not uploaded again" };
        var registry = new RegistryOptions();
        var push = new Command("push", "Push the advisory database to a registry as an OCI artifact (only chunks the registry lacks are uploaded)") { reference, database, chunk };
        registry.AddTo(push);
        push.SetAction(async (parse, cancellationToken) =>
        {
            var target = ParseReference(parse.GetValue(reference)!);
            var options = new AdvisoryDistributionOptions();
            if (parse.GetValue(chunk) is { } mib)
            {
                options = mib is >= 1 and <= 256
                    ? options with { ChunkBytes = mib * 1024 * 1024 }
                    : throw new DrydockInputException("--chunk-size-mib: between 1 and 256");
            }

            await using var client = await registry.CreateClientAsync(parse, target, context).ConfigureAwait(false);
            var report = await new AdvisoryDatabasePusher(options).PushAsync(parse.GetValue(database) ?? DefaultDatabasePath(), target, client, cancellationToken)
                .ConfigureAwait(false);
            await context.Output.WriteLineAsync($"pushed {target} ({report.ManifestDigest})").ConfigureAwait(false);
            await context.Output.WriteLineAsync(Invariant(
                $"database {report.DatabaseDigest}, {report.DatabaseSize} bytes in {report.Chunks} chunks; uploaded {report.BlobsUploaded} blobs ({report.BytesUploaded} bytes), {report.BlobsSkipped} already present")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return push;
    }

    private static Command CreatePull(CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "What to pull: REGISTRY/REPOSITORY[:TAG|@DIGEST]" };
        var database = AdvisoryDbOption();
        var cacheDir = CacheOptions.CacheDirOption();
        var registry = new RegistryOptions();
        var pull = new Command("pull", "Pull an advisory database pushed with 'drydock db push'; verified chunk by chunk, resumable, replaced atomically") { reference, database, cacheDir };
        registry.AddTo(pull);
        pull.SetAction(async (parse, cancellationToken) =>
        {
            var source = ParseReference(parse.GetValue(reference)!);
            var chunks = Path.Combine(parse.GetValue(cacheDir) ?? CachePaths.DefaultCacheDirectory(), "advisory-db-chunks");
            await using var client = await registry.CreateClientAsync(parse, source, context).ConfigureAwait(false);
            var report = await new AdvisoryDatabasePuller().PullAsync(source, client, parse.GetValue(database) ?? DefaultDatabasePath(), chunks, cancellationToken)
                .ConfigureAwait(false);
            await context.Output.WriteLineAsync($"pulled {source} ({report.ManifestDigest}) into {report.DatabasePath}").ConfigureAwait(false);
            await context.Output.WriteLineAsync(Invariant(
                $"database {report.DatabaseDigest}, {report.DatabaseSize} bytes in {report.Chunks} chunks; downloaded {report.ChunksDownloaded} ({report.BytesDownloaded} bytes), {report.ChunksReused} from the cache")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return pull;
    }

    private static RegistryReference ParseReference(string text)
    {
        var name = text.StartsWith("docker://", StringComparison.Ordinal) ? text["docker://".Length..] : text;
        return RegistryReference.Parse(name);
    }

    private static async Task WriteBuildReportAsync(CliContext context, AdvisoryBuildReport report)
    {
        var output = context.Output;
        await output.WriteLineAsync($"wrote {report.OutputPath}").ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"files: {report.FilesRead} read, {report.FilesRead - report.FilesUnrecognised} recognised, {report.FilesUnrecognised} not advisory data")).ConfigureAwait(false);
        foreach (var (format, count) in report.FilesByFormat.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(Invariant($"  {format,-22} {count,8}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync("advisories:").ConfigureAwait(false);
        foreach (var (source, count) in report.AdvisoriesBySource)
        {
            await output.WriteLineAsync(Invariant($"  {source,-22} {count,8}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(Invariant($"affected packages: {report.AffectedEntries}, KEV: {report.KevEntries}, EPSS: {report.EpssScores}")).ConfigureAwait(false);
        if (report.ProblemCount > 0)
        {
            await context.Error.WriteLineAsync(Invariant($"drydock: {report.ProblemCount} malformed records skipped; the first:")).ConfigureAwait(false);
            foreach (var problem in report.Problems)
            {
                await context.Error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteStatusAsync(TextWriter output, AdvisoryStore store)
    {
        var info = store.Info;
        await output.WriteLineAsync($"database: {store.Path}").ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"schema version: {info.SchemaVersion}")).ConfigureAwait(false);
        await output.WriteLineAsync($"built at: {info.BuiltAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}").ConfigureAwait(false);
        await output.WriteLineAsync("advisories per source:").ConfigureAwait(false);
        foreach (var (source, count) in info.AdvisoriesBySource)
        {
            await output.WriteLineAsync(Invariant($"  {source,-24} {count,8}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync("affected packages per ecosystem:").ConfigureAwait(false);
        foreach (var (ecosystem, count) in info.AffectedByEcosystem)
        {
            await output.WriteLineAsync(Invariant($"  {ecosystem,-24} {count,8}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(Invariant($"KEV entries: {info.KevEntries}")).ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"EPSS scores: {info.EpssScores}")).ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"malformed records skipped at build: {info.RejectedRecords}")).ConfigureAwait(false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
