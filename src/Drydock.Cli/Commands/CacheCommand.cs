using System.CommandLine;
using Drydock.LayerCache.Sqlite;
using Drydock.Reporting.Table;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock cache info|clean</c>: inspect or empty the layer cache.</summary>
public static class CacheCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var cacheDir = CacheOptions.CacheDirOption();
        var clean = new Command("clean", "Delete every cached layer result") { cacheDir };
        clean.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(cacheDir) ?? CachePaths.DefaultCacheDirectory();
            if (!File.Exists(Path.Combine(dir, SqliteLayerResultStore.FileName)))
            {
                await context.Error.WriteLineAsync($"drydock: the cache {dir} is already empty").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await using var store = await SqliteLayerResultStore.OpenAsync(dir, cancellationToken).ConfigureAwait(false);
            var (count, bytes) = await store.StatisticsAsync(cancellationToken).ConfigureAwait(false);
            await store.ClearAsync(cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"drydock: removed {count} cached layer results ({TableReportWriter.Size(bytes)}) from {dir}").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var infoDir = CacheOptions.CacheDirOption();
        var info = new Command("info", "Show where the cache is and how much it holds") { infoDir };
        info.SetAction(async (parse, cancellationToken) =>
        {
            var dir = parse.GetValue(infoDir) ?? CachePaths.DefaultCacheDirectory();
            if (!File.Exists(Path.Combine(dir, SqliteLayerResultStore.FileName)))
            {
                await context.Output.WriteLineAsync($"cache: {dir} (empty)").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await using var store = await SqliteLayerResultStore.OpenAsync(dir, cancellationToken).ConfigureAwait(false);
            var (count, bytes) = await store.StatisticsAsync(cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"cache: {store.Path}: {count} layer results, {TableReportWriter.Size(bytes)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        return new Command("cache", "Manage the per-layer analysis cache") { clean, info };
    }
}
