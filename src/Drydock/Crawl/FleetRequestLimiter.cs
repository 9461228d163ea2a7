using System.Globalization;
using Drydock.Project;

namespace Drydock.Crawl;

/// <summary>The fleet's politeness towards each registry: one token bucket per registry in PostgreSQL
/// (<c>cluster_registry_requests</c>, created by the worker's cluster schema), shared by every worker, so the whole cluster stays within <c>--rate</c> manifest requests a second
/// however many workers join. Each request reserves the next free slot in one statement (the row lock orders concurrent workers) and
/// waits until that slot comes; the table also keeps the fleet's running count of manifest requests per registry.</summary>
/// <param name="database">The project database (PostgreSQL).</param>
/// <param name="perSecond">Manifest requests a second to one registry for the fleet, or null for no limit (requests are still counted).</param>
public sealed class FleetRequestLimiter(IProjectDatabase database, double? perSecond)
{
    /// <summary>Counts one manifest request to <paramref name="registry"/> and, under a rate, waits for its slot.</summary>
    public async Task AcquireAsync(string registry, CancellationToken cancellationToken)
    {
        var wait = await ReserveAsync(registry, cancellationToken).ConfigureAwait(false);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reserves one request's slot and returns how long until it comes (zero when a token was in the bucket).</summary>
    public async Task<TimeSpan> ReserveAsync(string registry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Burst: one second's worth of requests (at least one), as the single-process crawl's bucket.
        await using var command = SqlCommands.Command(connection, null, perSecond is null
            ? """
              INSERT INTO cluster_registry_requests AS b (registry, tokens, refilled_at, requests) VALUES (@registry, 0, clock_timestamp(), 1)
              ON CONFLICT (registry) DO UPDATE SET requests = b.requests + 1
              RETURNING 0::double precision
              """
            : """
              INSERT INTO cluster_registry_requests AS b (registry, tokens, refilled_at, requests) VALUES (@registry, @burst - 1, clock_timestamp(), 1)
              ON CONFLICT (registry) DO UPDATE SET
                  tokens = LEAST(@burst, b.tokens + EXTRACT(EPOCH FROM clock_timestamp() - b.refilled_at)::double precision * @rate) - 1,
                  refilled_at = clock_timestamp(),
                  requests = b.requests + 1
              RETURNING tokens
              """);
        SqlCommands.Parameter(command, "@registry", registry);
        if (perSecond is { } rate)
        {
            SqlCommands.Parameter(command, "@rate", rate);
            SqlCommands.Parameter(command, "@burst", Math.Max(1, rate));
        }

        var tokens = Convert.ToDouble(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return tokens >= 0 || perSecond is not { } r ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / r);
    }

    /// <summary>The fleet's manifest requests to each registry so far.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT registry, requests FROM cluster_registry_requests");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
