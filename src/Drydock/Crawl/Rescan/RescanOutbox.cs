using System.Globalization;
using Drydock.Project;

namespace Drydock.Crawl.Rescan;

/// <summary>The durable webhook outbox (<c>rescan_outbox</c>): notifications are written in the transaction that stores
/// the rescanned report (<see cref="RescanStore.UpdateAsync"/>), read back oldest first while pending, and marked
/// delivered once the webhook took them; a failed attempt only adds to the row's attempts and keeps its last error.</summary>
public sealed class RescanOutbox(IProjectDatabase database)
{
    /// <summary>Up to <paramref name="limit"/> pending notifications after <paramref name="after"/> (null: from the oldest),
    /// oldest first (by the time they were written, then id).</summary>
    public async Task<IReadOnlyList<PendingNotification>> PendingAsync(OutboxCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "SELECT id, digest, event, body, created_at, attempts FROM rescan_outbox WHERE delivered_at IS NULL " +
            "AND (created_at > @at OR (created_at = @at AND id > @id)) ORDER BY created_at, id LIMIT @limit");
        SqlCommands.Parameter(command, "@at", after?.CreatedAt ?? string.Empty);
        SqlCommands.Parameter(command, "@id", after?.Id ?? string.Empty);
        SqlCommands.Parameter(command, "@limit", limit);
        var page = new List<PendingNotification>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var notification = new OutboxNotification(reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3));
            page.Add(new PendingNotification(notification, new OutboxCursor(reader.GetString(4), notification.Id), reader.GetInt32(5)));
        }

        return page;
    }

    /// <summary>How many notifications are still pending.</summary>
    public async Task<int> PendingCountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT COUNT(*) FROM rescan_outbox WHERE delivered_at IS NULL");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Records a delivery's outcome: delivered (stamped now) or not, its attempts added to the row's.</summary>
    public async Task RecordAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "UPDATE rescan_outbox SET attempts = attempts + @attempts, last_error = @error, delivered_at = @delivered WHERE id = @id");
        SqlCommands.Parameter(command, "@attempts", delivery.Attempts);
        SqlCommands.Parameter(command, "@error", delivery.Error);
        SqlCommands.Parameter(command, "@delivered", delivery.Delivered ? DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) : null);
        SqlCommands.Parameter(command, "@id", delivery.Id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Where a walk over the pending notifications stands: the last one's write time and id.</summary>
public sealed record OutboxCursor(string CreatedAt, string Id);

/// <summary>A notification not yet delivered, where it stands in the outbox, and the attempts earlier rescans made.</summary>
public sealed record PendingNotification(OutboxNotification Notification, OutboxCursor Position, int EarlierAttempts);
