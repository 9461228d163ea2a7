using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Drydock.Advisories;

/// <summary>Read-only access to an advisory database written by <c>drydock db build</c>: one SQLite connection, opened
/// read-only with <c>query_only</c> and memory-mapped reads, whose prepared commands are compiled once and reused. Safe for
/// concurrent callers (they take turns on the connection); the batch look-ups answer many names or ids in one query, which is
/// how a scan should ask.
/// <para>Ecosystem look-ups ignore case. A distro look-up with a release ("Debian:11") also returns entries written for the
/// ecosystem without a release ("Debian"), which by OSV's convention apply to every release; a look-up without a release
/// returns only those release-less entries.</para></summary>
public sealed class AdvisoryStore : IDisposable
{
    /// <summary>How many names or ids one batch query carries; longer lists take several queries.</summary>
    public const int NamesPerQuery = 512;

    private const string AffectedColumns = AffectedRowReader.Columns;
    // Below this many advisory rows, decoding them in parallel costs more than it saves.
    private const int ParallelDecodeThreshold = 64;

    private const string MaliciousFilter = "AND advisory_id >= 'MAL-' AND advisory_id < 'MAL.'";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<AffectedRowReader> _affectedReaders = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    private AdvisoryStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>What the database holds, as recorded at build time.</summary>
    public StoreInfo Info { get; private set; } = null!;

    /// <summary>Opens <paramref name="path"/> read-only; throws <see cref="DrydockInputException"/> when it is missing, not a
    /// Drydock advisory database, or of a schema version this build does not know.</summary>
    public static AdvisoryStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new DrydockInputException($"the advisory database {full} does not exist; create it with 'drydock db build --source PATH... --output {full}'");
        }

        AdvisoryStore? store = null;
        try
        {
            store = new AdvisoryStore(full, OpenConnection(full));
            store.Info = store.ReadInfo();
            return store;
        }
        catch (SqliteException e)
        {
            store?.Dispose();
            throw new DrydockInputException(
                $"{full} is not a Drydock advisory database ({OneLine(e.Message)}); rebuild it with 'drydock db build'", e);
        }
        catch (Exception)
        {
            store?.Dispose();
            throw;
        }
    }

    // A read-only connection that can only query, with memory-mapped reads.
    private static SqliteConnection OpenConnection(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA query_only = 1; PRAGMA mmap_size = 268435456;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The schema version recorded in the database at <paramref name="path"/>, or null when it is missing or not an
    /// advisory database; lets <c>db update</c> rebuild a database an older drydock wrote.</summary>
    public static int? ReadSchemaVersion(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = $key";
            command.Parameters.AddWithValue("$key", AdvisorySchema.SchemaVersionKey);
            return command.ExecuteScalar() is string text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>The affected-package entries for <paramref name="name"/> in <paramref name="ecosystem"/> (name normalised as the
    /// builder does, e.g. PEP 503 for PyPI), plus release-less entries for a release-qualified ecosystem.</summary>
    public IReadOnlyList<AffectedPackage> FindAffected(string ecosystem, string name)
        => FindAffected(ecosystem, [name]).GetValueOrDefault(name) ?? [];

    /// <summary>The affected-package entries for each of <paramref name="names"/> in <paramref name="ecosystem"/>, as
    /// <see cref="FindAffected(string, string)"/> finds them, keyed by the names as given (names without entries are left
    /// out): one query per <see cref="NamesPerQuery"/> names.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<AffectedPackage>> FindAffected(string ecosystem, IEnumerable<string> names)
    {
        var normalised = EcosystemNames.NormaliseEcosystem(ecosystem);
        var key = normalised.ToLowerInvariant();

        // Callers' spellings by stored name (PyPI "Django" and "django" are one name).
        var spellings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var stored = EcosystemNames.NormalisePackageName(normalised, name);
            if (!spellings.TryGetValue(stored, out var list))
            {
                spellings[stored] = list = [];
            }

            if (!list.Contains(name))
            {
                list.Add(name);
            }
        }

        var rows = FindByNames(spellings.Keys,
            $"SELECT {AffectedColumns} FROM affected WHERE ecosystem IN ($ecosystem, $base) AND name IN (SELECT value FROM json_each($names))",
            [("$ecosystem", key), ("$base", EcosystemNames.EcosystemBase(key))]);
        var result = new Dictionary<string, IReadOnlyList<AffectedPackage>>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<AffectedPackage> entries = [.. group];
            foreach (var spelling in spellings[group.Key])
            {
                result[spelling] = entries;
            }
        }

        return result;
    }

    /// <summary>The entries of OSV malicious-package (<c>MAL-</c>) records for any of <paramref name="names"/> in
    /// <paramref name="ecosystem"/>: one query per <see cref="NamesPerQuery"/> names, so an image with thousands of
    /// packages costs a few queries rather than one per package.</summary>
    public IReadOnlyList<AffectedPackage> FindMalicious(string ecosystem, IEnumerable<string> names)
    {
        var normalised = EcosystemNames.NormaliseEcosystem(ecosystem);
        return FindByNames(names.Select(n => EcosystemNames.NormalisePackageName(normalised, n)).Distinct(StringComparer.Ordinal),
            $"SELECT {AffectedColumns} FROM affected WHERE ecosystem = $ecosystem AND name IN (SELECT value FROM json_each($names)) {MaliciousFilter}",
            [("$ecosystem", normalised.ToLowerInvariant())]);
    }

    /// <summary>Every affected-package entry of one advisory.</summary>
    public IReadOnlyList<AffectedPackage> GetAffected(string advisoryId)
        => QueryAffected($"SELECT {AffectedColumns} FROM affected WHERE advisory_id = $id", [("$id", advisoryId)]);

    /// <summary>The advisory <paramref name="id"/> merged over every source that has it: the first source's record
    /// (OSV and distro sources before NVD, ids derived for alias look-ups last) with the aliases, severities and references of all,
    /// and the first title found. Null when no source has it.</summary>
    public AdvisoryRecord? GetAdvisory(string id) => Merge(id, GetAdvisoryPerSource(id));

    /// <summary>The advisory <paramref name="id"/> as each source has it, unmerged, in the order <see cref="GetAdvisory"/> prefers.</summary>
    public IReadOnlyList<AdvisoryRecord> GetAdvisoryPerSource(string id)
        => GetAdvisoriesPerSource([id]).GetValueOrDefault(id) ?? [];

    /// <summary>For each of <paramref name="ids"/> that some source has, its records as <see cref="GetAdvisoryPerSource"/> returns
    /// them: one query per <see cref="NamesPerQuery"/> ids. The rows are read as UTF-8 on the connection and decoded off it, in
    /// parallel when there are many.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<AdvisoryRecord>> GetAdvisoriesPerSource(IEnumerable<string> ids)
    {
        var rows = new List<(string Id, byte[] Data)>();
        foreach (var batch in ids.Distinct(StringComparer.Ordinal).Chunk(NamesPerQuery))
        {
            rows.AddRange(Query("SELECT id, data FROM advisories WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY id, rank, source",
                [("$ids", JsonArray(batch))], reader => (Id: reader.GetString(0), Data: reader.GetFieldValue<byte[]>(1))));
        }

        var records = new AdvisoryRecord[rows.Count];
        if (rows.Count < ParallelDecodeThreshold)
        {
            for (var index = 0; index < rows.Count; index++)
            {
                records[index] = Deserialize(rows[index].Data);
            }
        }
        else
        {
            try
            {
                Parallel.For(0, rows.Count, index => records[index] = Deserialize(rows[index].Data));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<DrydockInputException>().FirstOrDefault() is { } damaged)
            {
                throw damaged;
            }
        }

        // Rows come ordered by id, so each id's records are consecutive.
        var result = new Dictionary<string, IReadOnlyList<AdvisoryRecord>>(StringComparer.Ordinal);
        for (var start = 0; start < rows.Count;)
        {
            var end = start + 1;
            while (end < rows.Count && rows[end].Id == rows[start].Id)
            {
                end++;
            }

            result[rows[start].Id] = records[start..end];
            start = end;
        }

        return result;
    }

    /// <summary>For each of <paramref name="ids"/> that some source has, its summaries (what a scan's finding reads of each source's
    /// record and of their merge): one query per <see cref="NamesPerQuery"/> ids, decoded only when asked for.</summary>
    public IReadOnlyDictionary<string, AdvisorySummaries> GetSummaries(IEnumerable<string> ids)
    {
        var result = new Dictionary<string, AdvisorySummaries>(StringComparer.Ordinal);
        var sources = new List<string>();
        var rows = new List<byte[]>();
        foreach (var batch in ids.Distinct(StringComparer.Ordinal).Chunk(NamesPerQuery))
        {
            // Rows come ordered by id, so each id's rows are consecutive.
            string? current = null;
            Query("SELECT id, source, summary FROM summaries WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY id, rank, source",
                [("$ids", JsonArray(batch))], reader =>
                {
                    var id = reader.GetString(0);
                    if (id != current)
                    {
                        Flush();
                        current = id;
                    }

                    sources.Add(reader.GetString(1));
                    rows.Add(reader.GetFieldValue<byte[]>(2));
                    return 0;
                });
            Flush();

            void Flush()
            {
                if (current is not null && rows.Count > 0)
                {
                    result[current] = new AdvisorySummaries(current, [.. sources], [.. rows], Damaged);
                }

                sources.Clear();
                rows.Clear();
            }
        }

        return result;
    }

    /// <summary>The records of one id merged as <see cref="GetAdvisory"/> does; null when there are none.</summary>
    public static AdvisoryRecord? Merge(string id, IReadOnlyList<AdvisoryRecord> records)
    {
        if (records.Count == 0)
        {
            return null;
        }

        var first = records[0];
        if (records.Count == 1)
        {
            return first;
        }

        return first with
        {
            Aliases = [.. records.SelectMany(r => r.Aliases).Where(a => a != id).Distinct(StringComparer.Ordinal)],
            Title = records.Select(r => r.Title).FirstOrDefault(t => t is not null),
            Published = first.Published ?? records.Select(r => r.Published).FirstOrDefault(p => p is not null),
            Modified = first.Modified ?? records.Select(r => r.Modified).FirstOrDefault(p => p is not null),
            Severities = [.. records.SelectMany(r => r.Severities).Distinct()],
            References = [.. records.SelectMany(r => r.References).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The advisories (merged as <see cref="GetAdvisory"/>) that list <paramref name="id"/> among their aliases:
    /// a CVE finds its DSA, DLA, PYSEC or GHSA records, and a DSA finds its CVEs.</summary>
    public IReadOnlyList<AdvisoryRecord> GetAdvisoriesByAlias(string id)
    {
        var ids = Query("SELECT id FROM aliases WHERE alias = $alias ORDER BY id", [("$alias", id)], reader => reader.GetString(0));
        var records = GetAdvisoriesPerSource(ids);
        return [.. ids.Select(i => records.TryGetValue(i, out var r) ? Merge(i, r) : null).OfType<AdvisoryRecord>()];
    }

    /// <summary>The KEV entries of those of <paramref name="cves"/> that have one: one query per <see cref="NamesPerQuery"/> ids,
    /// cheaper than reading the catalogue when a scan names a few thousand CVEs at most.</summary>
    public IReadOnlyDictionary<string, KevEntry> GetKev(IEnumerable<string> cves)
    {
        var result = new Dictionary<string, KevEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in cves.Distinct(StringComparer.Ordinal).Chunk(NamesPerQuery))
        {
            foreach (var entry in Query("SELECT cve, date_added, vendor_project, product, name, ransomware FROM kev WHERE cve IN (SELECT value FROM json_each($cves))",
                [("$cves", JsonArray(batch))], ReadKev))
            {
                result[entry.Cve] = entry;
            }
        }

        return result;
    }

    /// <summary>The KEV entry for <paramref name="cve"/>, or null.</summary>
    public KevEntry? GetKev(string cve) => GetKev([cve]).GetValueOrDefault(cve);

    /// <summary>The EPSS score for <paramref name="cve"/>, or null.</summary>
    public EpssScore? GetEpss(string cve) => GetEpss([cve]).GetValueOrDefault(cve);

    /// <summary>The EPSS scores of those of <paramref name="cves"/> that have one: one query per <see cref="NamesPerQuery"/> ids.</summary>
    public IReadOnlyDictionary<string, EpssScore> GetEpss(IEnumerable<string> cves)
    {
        var result = new Dictionary<string, EpssScore>(StringComparer.Ordinal);
        foreach (var batch in cves.Distinct(StringComparer.Ordinal).Chunk(NamesPerQuery))
        {
            foreach (var score in Query("SELECT cve, score, percentile FROM epss WHERE cve IN (SELECT value FROM json_each($cves))",
                [("$cves", JsonArray(batch))], reader => new EpssScore(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2))))
            {
                result[score.Cve] = score;
            }
        }

        return result;
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            while (_affectedReaders.TryTake(out var reader))
            {
                reader.Dispose();
            }

            _commands.Clear();
            _connection.Dispose();
        }
    }

    // The rows for stored names, a batch of names per query.
    private List<AffectedPackage> FindByNames(IEnumerable<string> storedNames, string sql, (string Name, string Value)[] parameters)
    {
        var rows = new List<AffectedPackage>();
        foreach (var batch in storedNames.Chunk(NamesPerQuery))
        {
            rows.AddRange(QueryAffected(sql, [.. parameters, ("$names", JsonArray(batch))]));
        }

        return rows;
    }

    // Affected rows, on connections of their own (one per concurrent caller, kept for reuse until the store is disposed): the
    // matcher asks for several ecosystems at once, and one connection would make those reads take turns.
    private List<AffectedPackage> QueryAffected(string sql, ReadOnlySpan<(string Name, string Value)> parameters)
    {
        if (!_affectedReaders.TryTake(out var reader))
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            reader = new AffectedRowReader(OpenConnection(Path), Damaged);
        }

        try
        {
            return reader.Read(sql, parameters);
        }
        finally
        {
            lock (_lock)
            {
                if (_disposed)
                {
                    reader.Dispose();
                }
                else
                {
                    _affectedReaders.Add(reader);
                }
            }
        }
    }

    private static KevEntry ReadKev(SqliteDataReader reader) => new(
        reader.GetString(0),
        DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt64(5) != 0);

    private StoreInfo ReadInfo()
    {
        var meta = Query("SELECT key, value FROM meta", [], reader => (Key: reader.GetString(0), Value: reader.GetString(1)))
            .ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
        if (!meta.TryGetValue(AdvisorySchema.SchemaVersionKey, out var versionText)
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new DrydockInputException($"{Path} is not a Drydock advisory database (no schema version); rebuild it with 'drydock db build'");
        }

        if (version != AdvisorySchema.Version)
        {
            throw new DrydockInputException(
                $"the advisory database {Path} has schema version {version}, this drydock reads version {AdvisorySchema.Version}; " +
                "rebuild it with 'drydock db build' or 'drydock db update', or pull a current one with 'drydock db pull'");
        }

        var present = Query("SELECT name FROM sqlite_master WHERE type = 'table'", [], reader => reader.GetString(0)).ToHashSet(StringComparer.Ordinal);
        if (AdvisorySchema.Tables.FirstOrDefault(table => !present.Contains(table)) is { } missing)
        {
            throw new DrydockInputException($"the advisory database {Path} is damaged (table '{missing}' is missing); rebuild it with 'drydock db build' or 'drydock db update'");
        }

        var builtAt = meta.TryGetValue(AdvisorySchema.BuiltAtKey, out var built)
            && DateTimeOffset.TryParse(built, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        var rejected = meta.TryGetValue(AdvisorySchema.RejectedKey, out var rejectedText)
            && long.TryParse(rejectedText, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var counts = Query("SELECT kind, key, count FROM counts ORDER BY kind, key", [],
            reader => (Kind: reader.GetString(0), Key: reader.GetString(1), Count: reader.GetInt64(2)));
        IReadOnlyDictionary<string, long> Of(string kind)
            => counts.Where(c => c.Kind == kind).ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        var sources = Of(AdvisorySchema.CountSource);
        return new StoreInfo(
            version,
            builtAt,
            sources.Where(s => s.Key is not AdvisorySources.Kev and not AdvisorySources.Epss).ToDictionary(StringComparer.Ordinal),
            Of(AdvisorySchema.CountEcosystem),
            Of(AdvisorySchema.CountFormat),
            sources.GetValueOrDefault(AdvisorySources.Kev),
            sources.GetValueOrDefault(AdvisorySources.Epss),
            rejected);
    }

    // One prepared command per SQL text, compiled on first use and kept for the store's life.
    private List<T> Query<T>(string sql, ReadOnlySpan<(string Name, object Value)> parameters, Func<SqliteDataReader, T> read)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, _) in parameters)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }

                command.Prepare();
                _commands[sql] = command;
            }

            foreach (var (name, value) in parameters)
            {
                command.Parameters[name].Value = value;
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    private static string JsonArray(IReadOnlyList<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(values.Count * 24 + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private AdvisoryRecord Deserialize(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, AdvisoryJsonContext.Default.AdvisoryRecord) ?? throw new JsonException("null row");
        }
        catch (JsonException e)
        {
            throw Damaged(e);
        }
    }

    private DrydockInputException Damaged(Exception e)
        => new($"the advisory database {Path} has a damaged row ({OneLine(e.Message)}); rebuild it with 'drydock db build'", e);

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
