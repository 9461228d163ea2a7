using System.CommandLine;
using System.Globalization;
using Drydock.Advisories;
using Drydock.Advisories.Builders;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock db build|status</c>: build the advisory database from source files, or show what one holds.</summary>
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

        return new Command("db", "Manage the advisory database") { build, status };
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
