using System.Data.Common;
using System.Globalization;
using Drydock.Project;

namespace Drydock.Crawl;

/// <summary>The crawl's durable state in the project database: the frontier, the tag → digest map and one result row per
/// manifest. Every write is one transaction and idempotent (unique keys, <c>ON CONFLICT DO NOTHING</c>), so a crawl killed
/// at any point continues without losing or duplicating a row.</summary>
public sealed class CrawlStore(IProjectDatabase database)
{
    /// <summary>The database the crawl writes to.</summary>
    public IProjectDatabase Database => database;

    /// <summary>True when <paramref name="repository"/>:<paramref name="tag"/> was resolved by an earlier run.</summary>
    public Task<bool> TagKnownAsync(string repository, string tag, CancellationToken cancellationToken)
        => ExistsAsync("SELECT 1 FROM crawl_tags WHERE repository = @repository AND tag = @tag", cancellationToken, ("@repository", repository), ("@tag", tag));

    /// <summary>True when <paramref name="item"/> (a manifest digest) is in the frontier, in any state.</summary>
    public Task<bool> ItemKnownAsync(string item, CancellationToken cancellationToken)
        => ExistsAsync("SELECT 1 FROM crawl_frontier WHERE item = @item", cancellationToken, ("@item", item));

    /// <summary>Records that <paramref name="repository"/>:<paramref name="tag"/> (null: a digest named directly) points at
    /// <paramref name="images"/> (several with <c>--platform all</c>), queues each digest unless already known and forgets
    /// an earlier failure to resolve <paramref name="display"/>, all in one transaction.</summary>
    public Task RecordTagAsync(string repository, string? tag, string display, IReadOnlyList<(string Digest, string Reference)> images,
        CancellationToken cancellationToken)
        => InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var (digest, reference) in images)
            {
                if (tag is not null)
                {
                    await RunAsync(connection, transaction,
                        "INSERT INTO crawl_tags (repository, tag, digest, resolved_at) VALUES (@repository, @tag, @digest, @at) ON CONFLICT (repository, tag, digest) DO NOTHING",
                        cancellationToken, ("@repository", repository), ("@tag", tag), ("@digest", digest), ("@at", Now())).ConfigureAwait(false);
                }

                await InsertFrontierAsync(connection, transaction, digest, reference, FrontierState.Queued, null, cancellationToken).ConfigureAwait(false);
            }

            await RunAsync(connection, transaction, "DELETE FROM crawl_frontier WHERE item = @item AND state = @failed", cancellationToken,
                ("@item", display), ("@failed", FrontierState.Failed)).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Points the known <paramref name="repository"/>:<paramref name="tag"/> at <paramref name="images"/> as resolved again
    /// (<c>--refresh</c>): nothing changes when it still points at the same manifests; otherwise, in one transaction, the tag's rows are
    /// replaced, the new digests queued, and each manifest no tag points at any more leaves the population (its result, layers and
    /// frontier row; a later tag or digest reference to it queues it again, its layers still cached). True when the tag moved.</summary>
    public async Task<bool> RefreshTagAsync(string repository, string tag, IReadOnlyList<(string Digest, string Reference)> images, CancellationToken cancellationToken)
    {
        var moved = false;
        await InTransactionAsync(async (connection, transaction) =>
        {
            var before = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = SqlCommands.Command(connection, transaction, "SELECT digest FROM crawl_tags WHERE repository = @repository AND tag = @tag"))
            {
                SqlCommands.Parameter(command, "@repository", repository);
                SqlCommands.Parameter(command, "@tag", tag);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    before.Add(reader.GetString(0));
                }
            }

            if (before.SetEquals(images.Select(i => i.Digest)))
            {
                return;
            }

            moved = true;
            await RunAsync(connection, transaction, "DELETE FROM crawl_tags WHERE repository = @repository AND tag = @tag", cancellationToken,
                ("@repository", repository), ("@tag", tag)).ConfigureAwait(false);
            foreach (var (digest, reference) in images)
            {
                await RunAsync(connection, transaction,
                    "INSERT INTO crawl_tags (repository, tag, digest, resolved_at) VALUES (@repository, @tag, @digest, @at) ON CONFLICT (repository, tag, digest) DO NOTHING",
                    cancellationToken, ("@repository", repository), ("@tag", tag), ("@digest", digest), ("@at", Now())).ConfigureAwait(false);
                await InsertFrontierAsync(connection, transaction, digest, reference, FrontierState.Queued, null, cancellationToken).ConfigureAwait(false);
            }

            foreach (var old in before.Except(images.Select(i => i.Digest), StringComparer.Ordinal))
            {
                foreach (var table in (string[])["crawl_layers", "crawl_images"])
                {
                    await RunAsync(connection, transaction,
                        $"DELETE FROM {table} WHERE manifest_digest = @digest AND NOT EXISTS (SELECT 1 FROM crawl_tags WHERE digest = @digest)", cancellationToken,
                        ("@digest", old)).ConfigureAwait(false);
                }

                await RunAsync(connection, transaction,
                    "DELETE FROM crawl_frontier WHERE item = @digest AND NOT EXISTS (SELECT 1 FROM crawl_tags WHERE digest = @digest)", cancellationToken,
                    ("@digest", old)).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <summary>Records a tag or repository that could not be resolved as a failed item (kept when already recorded).</summary>
    public Task RecordUnresolvedAsync(string reference, string reason, CancellationToken cancellationToken)
        => InTransactionAsync((connection, transaction) => InsertFrontierAsync(connection, transaction, reference, reference, FrontierState.Failed, reason, cancellationToken), cancellationToken);

    /// <summary>The queued items, in the order they were found.</summary>
    public async Task<IReadOnlyList<FrontierItem>> QueuedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT item, reference FROM crawl_frontier WHERE state = @state ORDER BY updated_at, item");
        SqlCommands.Parameter(command, "@state", FrontierState.Queued);
        var items = new List<FrontierItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new FrontierItem(reader.GetString(0), reader.GetString(1)));
        }

        return items;
    }

    /// <summary>Counts one more attempt at <paramref name="item"/> (before its scan starts, so crashes are counted too).</summary>
    public Task StartAttemptAsync(string item, CancellationToken cancellationToken)
        => InTransactionAsync((connection, transaction) => RunAsync(connection, transaction, "UPDATE crawl_frontier SET attempts = attempts + 1 WHERE item = @item",
            cancellationToken, ("@item", item)), cancellationToken);

    /// <summary>Stores the result of <paramref name="item"/> (its summary, layers and gzipped report) and marks it done, in one transaction.</summary>
    public Task CompleteAsync(FrontierItem item, CrawlImageSummary summary, byte[] reportGzip, CancellationToken cancellationToken)
        => InTransactionAsync(async (connection, transaction) =>
        {
            await RunAsync(connection, transaction,
                "INSERT INTO crawl_images (manifest_digest, reference, platform, os, critical, high, fixable_critical, verdict, categories, " +
                "critical_packages, high_packages, layers_analysed, layers_reused, report_gzip, scanned_at) VALUES (@digest, @reference, @platform, @os, " +
                "@critical, @high, @fixable, @verdict, @categories, @criticalPackages, @highPackages, @analysed, @reused, @report, @at) " +
                "ON CONFLICT (manifest_digest) DO NOTHING",
                cancellationToken,
                ("@digest", item.Item), ("@reference", item.Reference), ("@platform", summary.Platform), ("@os", summary.Os),
                ("@critical", summary.Critical), ("@high", summary.High), ("@fixable", summary.FixableCritical), ("@verdict", summary.Verdict),
                ("@categories", CrawlColumns.Join(summary.Categories)), ("@criticalPackages", CrawlColumns.Join(summary.CriticalPackages)),
                ("@highPackages", CrawlColumns.Join(summary.HighPackages)), ("@analysed", summary.LayersAnalysed), ("@reused", summary.LayersReused),
                ("@report", reportGzip), ("@at", Now())).ConfigureAwait(false);
            for (var position = 0; position < summary.DiffIds.Count; position++)
            {
                await RunAsync(connection, transaction,
                    "INSERT INTO crawl_layers (manifest_digest, position, diff_id) VALUES (@digest, @position, @diffId) ON CONFLICT (manifest_digest, position) DO NOTHING",
                    cancellationToken, ("@digest", item.Item), ("@position", position), ("@diffId", summary.DiffIds[position])).ConfigureAwait(false);
            }

            await SetStateAsync(connection, transaction, item.Item, FrontierState.Done, null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Marks <paramref name="item"/> failed with a one-line <paramref name="reason"/>.</summary>
    public Task FailAsync(string item, string reason, CancellationToken cancellationToken)
        => InTransactionAsync((connection, transaction) => SetStateAsync(connection, transaction, item, FrontierState.Failed, reason, cancellationToken), cancellationToken);

    /// <summary>Queues every failed digest again (<c>--retry-failed</c>); returns how many. Unresolved tags are forgotten
    /// so that discovery resolves them again.</summary>
    public async Task<int> RequeueFailedAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await InTransactionAsync(async (connection, transaction) =>
        {
            count += await RunAsync(connection, transaction, "DELETE FROM crawl_frontier WHERE state = @failed AND item = reference", cancellationToken,
                ("@failed", FrontierState.Failed)).ConfigureAwait(false);
            count += await RunAsync(connection, transaction, "UPDATE crawl_frontier SET state = @queued, reason = NULL WHERE state = @failed", cancellationToken,
                ("@queued", FrontierState.Queued), ("@failed", FrontierState.Failed)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>The failed items and their one-line reasons, oldest first.</summary>
    public async Task<IReadOnlyList<(string Item, string Reason)>> FailuresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT item, reason FROM crawl_frontier WHERE state = @failed ORDER BY updated_at, item");
        SqlCommands.Parameter(command, "@failed", FrontierState.Failed);
        var failures = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            failures.Add((reader.GetString(0), reader.IsDBNull(1) ? string.Empty : reader.GetString(1)));
        }

        return failures;
    }

    /// <summary>How many items are queued, done and failed.</summary>
    public async Task<FrontierCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT state, COUNT(*) FROM crawl_frontier GROUP BY state");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return new FrontierCounts(counts.GetValueOrDefault(FrontierState.Queued), counts.GetValueOrDefault(FrontierState.Done), counts.GetValueOrDefault(FrontierState.Failed));
    }

    private static Task<int> InsertFrontierAsync(DbConnection connection, DbTransaction transaction, string item, string reference, string state, string? reason,
        CancellationToken cancellationToken)
        => RunAsync(connection, transaction,
            "INSERT INTO crawl_frontier (item, reference, state, attempts, reason, updated_at) VALUES (@item, @reference, @state, 0, @reason, @at) ON CONFLICT (item) DO NOTHING",
            cancellationToken, ("@item", item), ("@reference", reference), ("@state", state), ("@reason", reason), ("@at", Now()));

    private static Task<int> SetStateAsync(DbConnection connection, DbTransaction transaction, string item, string state, string? reason, CancellationToken cancellationToken)
        => RunAsync(connection, transaction, "UPDATE crawl_frontier SET state = @state, reason = @reason, updated_at = @at WHERE item = @item", cancellationToken,
            ("@item", item), ("@state", state), ("@reason", reason), ("@at", Now()));

    private static async Task<int> RunAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = SqlCommands.Command(connection, transaction, sql);
        foreach (var (name, value) in parameters)
        {
            SqlCommands.Parameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ExistsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, sql);
        foreach (var (name, value) in parameters)
        {
            SqlCommands.Parameter(command, name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    private async Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
}
