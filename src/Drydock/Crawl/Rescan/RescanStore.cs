using System.Data.Common;
using Drydock.Project;

namespace Drydock.Crawl.Rescan;

/// <summary>What a rescan reads and writes of the crawl tables: the stored reports page by page (by digest), a row's
/// report, figures and verdict replaced in one transaction (with its webhook notification), and the tags pointing at a digest.</summary>
public sealed class RescanStore(IProjectDatabase database)
{
    /// <summary>Up to <paramref name="limit"/> stored images after <paramref name="after"/> (null: from the first), by digest.</summary>
    public async Task<IReadOnlyList<StoredImage>> PageAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null,
            "SELECT manifest_digest, reference, report_gzip FROM crawl_images WHERE manifest_digest > @after ORDER BY manifest_digest LIMIT @limit");
        SqlCommands.Parameter(command, "@after", after ?? string.Empty);
        SqlCommands.Parameter(command, "@limit", limit);
        var page = new List<StoredImage>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            page.Add(new StoredImage(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return page;
    }

    /// <summary>Replaces the report, the vulnerability figures and the malware verdict of <paramref name="digest"/>'s row and,
    /// when <paramref name="notification"/> is given, adds it to the outbox in the same transaction: a change is stored
    /// with its notification or not at all.</summary>
    public async Task UpdateAsync(string digest, CrawlImageSummary summary, byte[] reportGzip, OutboxNotification? notification, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = SqlCommands.Command(connection, transaction,
            "UPDATE crawl_images SET critical = @critical, high = @high, fixable_critical = @fixable, critical_packages = @criticalPackages, " +
            "high_packages = @highPackages, verdict = @verdict, categories = @categories, report_gzip = @report WHERE manifest_digest = @digest"))
        {
            SqlCommands.Parameter(command, "@critical", summary.Critical);
            SqlCommands.Parameter(command, "@high", summary.High);
            SqlCommands.Parameter(command, "@fixable", summary.FixableCritical);
            SqlCommands.Parameter(command, "@criticalPackages", CrawlColumns.Join(summary.CriticalPackages));
            SqlCommands.Parameter(command, "@highPackages", CrawlColumns.Join(summary.HighPackages));
            SqlCommands.Parameter(command, "@verdict", summary.Verdict);
            SqlCommands.Parameter(command, "@categories", CrawlColumns.Join(summary.Categories));
            SqlCommands.Parameter(command, "@report", reportGzip);
            SqlCommands.Parameter(command, "@digest", digest);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (notification is not null)
        {
            await using var insert = SqlCommands.Command(connection, transaction,
                "INSERT INTO rescan_outbox (id, digest, event, body, created_at, attempts) VALUES (@id, @digest, @event, @body, @at, 0)");
            SqlCommands.Parameter(insert, "@id", notification.Id);
            SqlCommands.Parameter(insert, "@digest", notification.Digest);
            SqlCommands.Parameter(insert, "@event", notification.Event);
            SqlCommands.Parameter(insert, "@body", notification.Body);
            SqlCommands.Parameter(insert, "@at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every <c>repository:tag</c> pointing at <paramref name="digest"/>, ordinally sorted.</summary>
    public async Task<List<string>> TagsAsync(string digest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SqlCommands.Command(connection, null, "SELECT repository, tag FROM crawl_tags WHERE digest = @digest");
        SqlCommands.Parameter(command, "@digest", digest);
        var tags = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tags.Add($"{reader.GetString(0)}:{reader.GetString(1)}");
        }

        tags.Sort(StringComparer.Ordinal);
        return tags;
    }
}

/// <summary>One crawl row as a rescan reads it: the manifest digest, the reference scanned, the gzipped JSON report.</summary>
public sealed record StoredImage(string Digest, string Reference, byte[] ReportGzip);
