using System.Globalization;
using Drydock.Project;

namespace Drydock.Cluster.Frontier;

/// <summary>Leases on the crawl frontier (<c>crawl_frontier</c>, owned by the crawl) kept in <c>cluster_leases</c>: a worker takes a queued
/// item whose lease is absent, finished or expired (<c>FOR UPDATE SKIP LOCKED</c>, so two workers never take the same row), renews the lease
/// while it scans, and finishes it afterwards. An item in flight on a killed worker is taken again by another once its lease expires.</summary>
public sealed class FrontierLeases(IProjectDatabase database)
{
    /// <summary>Takes one queued item for <paramref name="owner"/>, or returns null when none is free.</summary>
    public async Task<LeasedItem?> TryTakeAsync(string owner, TimeSpan lease, int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, """
            WITH candidate AS (
                SELECT f.item, f.reference FROM crawl_frontier f
                LEFT JOIN cluster_leases l ON l.item = f.item
                WHERE f.state = 'queued' AND f.attempts < @max
                  AND (l.item IS NULL OR l.finished_at IS NOT NULL OR l.expires_at < now())
                ORDER BY f.updated_at, f.item
                LIMIT 1
                FOR UPDATE OF f SKIP LOCKED),
            taken AS (
                INSERT INTO cluster_leases (item, owner, leased_at, expires_at)
                SELECT item, @owner, now(), now() + make_interval(secs => @seconds) FROM candidate
                ON CONFLICT (item) DO UPDATE SET owner = excluded.owner, leased_at = excluded.leased_at, expires_at = excluded.expires_at,
                    finished_at = NULL, takes = cluster_leases.takes + 1
                RETURNING item)
            SELECT c.item, c.reference FROM candidate c JOIN taken t ON t.item = c.item
            """);
        SqlCommands.Parameter(command, "@owner", owner);
        SqlCommands.Parameter(command, "@seconds", lease.TotalSeconds);
        SqlCommands.Parameter(command, "@max", maxAttempts);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new LeasedItem(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Extends the lease; false when <paramref name="owner"/> no longer holds it.</summary>
    public async Task<bool> RenewAsync(string item, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "UPDATE cluster_leases SET expires_at = now() + make_interval(secs => @seconds) WHERE item = @item AND owner = @owner AND finished_at IS NULL");
        SqlCommands.Parameter(command, "@seconds", lease.TotalSeconds);
        SqlCommands.Parameter(command, "@item", item);
        SqlCommands.Parameter(command, "@owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks the lease finished (the item's result or failure is already stored).</summary>
    public async Task FinishAsync(string item, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "UPDATE cluster_leases SET finished_at = now() WHERE item = @item AND owner = @owner");
        SqlCommands.Parameter(command, "@item", item);
        SqlCommands.Parameter(command, "@owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks failed every queued item that reached <paramref name="maxAttempts"/> and has no live lease (it keeps losing its
    /// worker: a poison image); returns how many.</summary>
    public async Task<int> FailExhaustedAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, """
            UPDATE crawl_frontier f SET state = 'failed', reason = @reason, updated_at = @at
            WHERE f.state = 'queued' AND f.attempts >= @max
              AND NOT EXISTS (SELECT 1 FROM cluster_leases l WHERE l.item = f.item AND l.finished_at IS NULL AND l.expires_at >= now())
            """);
        SqlCommands.Parameter(command, "@reason", $"its worker was lost {maxAttempts} times while scanning it");
        SqlCommands.Parameter(command, "@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        SqlCommands.Parameter(command, "@max", maxAttempts);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A frontier item a worker holds a lease on: the manifest digest and the reference to pull.</summary>
public sealed record LeasedItem(string Item, string Reference);
