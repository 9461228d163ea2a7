using Drydock.Crawl.Rescan;
using Drydock.Project;

namespace Drydock.Tests.Crawl.Rescan;

/// <summary>Puts notifications straight into a project database's outbox, oldest first, as rescans would have left them.</summary>
public static class OutboxRows
{
    public static async Task AddAsync(IProjectDatabase database, params OutboxNotification[] notifications)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        for (var i = 0; i < notifications.Length; i++)
        {
            await using var insert = SqlCommands.Command(connection, null,
                "INSERT INTO rescan_outbox (id, digest, event, body, created_at, attempts) VALUES (@id, @digest, @event, @body, @at, 0)");
            SqlCommands.Parameter(insert, "@id", notifications[i].Id);
            SqlCommands.Parameter(insert, "@digest", notifications[i].Digest);
            SqlCommands.Parameter(insert, "@event", notifications[i].Event);
            SqlCommands.Parameter(insert, "@body", notifications[i].Body);
            SqlCommands.Parameter(insert, "@at", $"2026-12-07T00:00:0{i}Z");
            await insert.ExecuteNonQueryAsync();
        }
    }
}
