using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Drydock.Advisories.Builders;

/// <summary>Writes merged rows to a new SQLite file next to the output, then renames it over the output.</summary>
internal static class AdvisoryDatabaseWriter
{
    /// <summary>Writes <paramref name="merged"/> to <paramref name="outputPath"/> atomically.</summary>
    public static void Write(AdvisoryMerge merged, string outputPath, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(outputPath)!;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"cannot create the directory {directory} for the advisory database: {e.Message}", e);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteRows(merged, temporary, cancellationToken);
            File.Move(temporary, outputPath, overwrite: true);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"cannot write the advisory database {outputPath}: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteRows(AdvisoryMerge merged, string path, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;");
        Execute(connection, AdvisorySchema.CreateTables);
        using (var transaction = connection.BeginTransaction())
        {
            WriteAdvisories(connection, transaction, merged, cancellationToken);
            WriteAffected(connection, transaction, merged, cancellationToken);
            WriteDecorations(connection, transaction, merged);
            WriteCounts(connection, transaction, merged);
            transaction.Commit();
        }

        Execute(connection, AdvisorySchema.CreateIndexes);
        Execute(connection, "ANALYZE;");
    }

    private static void WriteAdvisories(SqliteConnection connection, SqliteTransaction transaction, AdvisoryMerge merged, CancellationToken cancellationToken)
    {
        using var advisory = Command(connection, transaction,
            "INSERT INTO advisories (id, source, derived, rank, data) VALUES ($id, $source, $derived, $rank, $data)",
            "$id", "$source", "$derived", "$rank", "$data");
        using var alias = Command(connection, transaction, "INSERT OR IGNORE INTO aliases (alias, id) VALUES ($alias, $id)", "$alias", "$id");
        var byId = new Dictionary<string, List<(AdvisoryRecord Record, int Rank)>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (record, kind) in merged.Advisories)
        {
            if (++count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var derived = kind == RecordKind.Derived;
            var rank = derived ? 2 : record.Source == AdvisorySources.Nvd ? 1 : 0;
            advisory.Parameters["$id"].Value = record.Id;
            advisory.Parameters["$source"].Value = record.Source;
            advisory.Parameters["$derived"].Value = derived ? 1 : 0;
            advisory.Parameters["$rank"].Value = rank;
            // CVSS scores are computed here once, not by every scan that reports the advisory.
            var scored = record.Severities.Count == 0 ? record : record with { Severities = [.. record.Severities.Select(s => s.Scored())] };
            if (!byId.TryGetValue(record.Id, out var sources))
            {
                byId[record.Id] = sources = [];
            }

            sources.Add((scored, rank));
            advisory.Parameters["$data"].Value = JsonSerializer.Serialize(scored, AdvisoryJsonContext.Default.AdvisoryRecord);
            advisory.ExecuteNonQuery();
            foreach (var name in record.Aliases)
            {
                alias.Parameters["$alias"].Value = name;
                alias.Parameters["$id"].Value = record.Id;
                alias.ExecuteNonQuery();
            }
        }

        WriteSummaries(connection, transaction, byId, cancellationToken);
    }

    // Each record's summary, and for an id several sources have, the summary of their merge (in the order the store reads them).
    private static void WriteSummaries(SqliteConnection connection, SqliteTransaction transaction,
        Dictionary<string, List<(AdvisoryRecord Record, int Rank)>> byId, CancellationToken cancellationToken)
    {
        using var summary = Command(connection, transaction,
            "INSERT INTO summaries (id, source, rank, summary) VALUES ($id, $source, $rank, $summary)", "$id", "$source", "$rank", "$summary");
        void Write(string id, string source, int rank, AdvisoryRecord record)
        {
            summary.Parameters["$id"].Value = id;
            summary.Parameters["$source"].Value = source;
            summary.Parameters["$rank"].Value = rank;
            summary.Parameters["$summary"].Value = AdvisorySummaryCodec.Encode(record);
            summary.ExecuteNonQuery();
        }

        var count = 0;
        foreach (var (id, records) in byId.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (++count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            records.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : string.CompareOrdinal(a.Record.Source, b.Record.Source));
            if (records.Count > 1)
            {
                Write(id, AdvisorySchema.MergedSource, AdvisorySchema.MergedRank, AdvisoryStore.Merge(id, [.. records.Select(r => r.Record)])!);
            }

            foreach (var (record, rank) in records)
            {
                Write(id, record.Source, rank, record);
            }
        }
    }

    private static void WriteAffected(SqliteConnection connection, SqliteTransaction transaction, AdvisoryMerge merged, CancellationToken cancellationToken)
    {
        using var affected = Command(connection, transaction,
            "INSERT INTO affected (ecosystem, name, seq, advisory_id, source, status, note, ranges, versions) " +
            "VALUES ($ecosystem, $name, $seq, $id, $source, $status, $note, $ranges, $versions)",
            "$ecosystem", "$name", "$seq", "$id", "$source", "$status", "$note", "$ranges", "$versions");

        // Rows go in in key order (the table is clustered on ecosystem, name, seq); seq keeps the source order.
        var rows = merged.Affected.Select((package, seq) => (Key: EcosystemNames.Key(package.Ecosystem), Package: package, Seq: seq))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Package.Name, StringComparer.Ordinal).ThenBy(r => r.Seq);
        var count = 0;
        foreach (var (key, package, seq) in rows)
        {
            if (++count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            affected.Parameters["$ecosystem"].Value = key;
            affected.Parameters["$name"].Value = package.Name;
            affected.Parameters["$seq"].Value = seq;
            affected.Parameters["$id"].Value = package.AdvisoryId;
            affected.Parameters["$source"].Value = package.Source;
            affected.Parameters["$status"].Value = (int)package.Status;
            affected.Parameters["$note"].Value = (object?)package.Note ?? DBNull.Value;
            affected.Parameters["$ranges"].Value = AffectedRowCodec.EncodeRanges(package);
            affected.Parameters["$versions"].Value = (object?)AffectedRowCodec.EncodeVersions(package.Versions) ?? DBNull.Value;
            affected.ExecuteNonQuery();
        }
    }

    private static void WriteDecorations(SqliteConnection connection, SqliteTransaction transaction, AdvisoryMerge merged)
    {
        using var kev = Command(connection, transaction,
            "INSERT INTO kev (cve, date_added, vendor_project, product, name, ransomware) VALUES ($cve, $date, $vendor, $product, $name, $ransomware)",
            "$cve", "$date", "$vendor", "$product", "$name", "$ransomware");
        foreach (var entry in merged.Kev.Values)
        {
            kev.Parameters["$cve"].Value = entry.Cve;
            kev.Parameters["$date"].Value = entry.DateAdded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            kev.Parameters["$vendor"].Value = (object?)entry.VendorProject ?? DBNull.Value;
            kev.Parameters["$product"].Value = (object?)entry.Product ?? DBNull.Value;
            kev.Parameters["$name"].Value = (object?)entry.Name ?? DBNull.Value;
            kev.Parameters["$ransomware"].Value = entry.KnownRansomware ? 1 : 0;
            kev.ExecuteNonQuery();
        }

        using var epss = Command(connection, transaction, "INSERT INTO epss (cve, score, percentile) VALUES ($cve, $score, $percentile)",
            "$cve", "$score", "$percentile");
        foreach (var score in merged.Epss.Values)
        {
            epss.Parameters["$cve"].Value = score.Cve;
            epss.Parameters["$score"].Value = score.Score;
            epss.Parameters["$percentile"].Value = score.Percentile;
            epss.ExecuteNonQuery();
        }
    }

    private static void WriteCounts(SqliteConnection connection, SqliteTransaction transaction, AdvisoryMerge merged)
    {
        using var meta = Command(connection, transaction, "INSERT INTO meta (key, value) VALUES ($key, $value)", "$key", "$value");
        void Meta(string key, string value)
        {
            meta.Parameters["$key"].Value = key;
            meta.Parameters["$value"].Value = value;
            meta.ExecuteNonQuery();
        }

        Meta(AdvisorySchema.SchemaVersionKey, AdvisorySchema.Version.ToString(CultureInfo.InvariantCulture));
        Meta(AdvisorySchema.BuiltAtKey, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        Meta(AdvisorySchema.RejectedKey, merged.Rejected.ToString(CultureInfo.InvariantCulture));

        using var counts = Command(connection, transaction, "INSERT INTO counts (kind, key, count) VALUES ($kind, $key, $count)", "$kind", "$key", "$count");
        void Count(string kind, string key, long value)
        {
            counts.Parameters["$kind"].Value = kind;
            counts.Parameters["$key"].Value = key;
            counts.Parameters["$count"].Value = value;
            counts.ExecuteNonQuery();
        }

        foreach (var (source, count) in merged.AdvisoriesBySource())
        {
            Count(AdvisorySchema.CountSource, source, count);
        }

        Count(AdvisorySchema.CountSource, AdvisorySources.Kev, merged.Kev.Count);
        Count(AdvisorySchema.CountSource, AdvisorySources.Epss, merged.Epss.Count);
        foreach (var group in merged.Affected.GroupBy(a => a.Ecosystem, StringComparer.Ordinal))
        {
            Count(AdvisorySchema.CountEcosystem, group.Key, group.LongCount());
        }

        foreach (var (format, count) in merged.FilesByFormat)
        {
            Count(AdvisorySchema.CountFormat, format, count);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
