using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Drydock.Advisories;

/// <summary>Read-only access to an advisory database written by <c>drydock db build</c>. Safe for concurrent readers:
/// each call borrows its own SQLite connection from a small pool.
/// <para>Ecosystem look-ups ignore case. A distro look-up with a release ("Debian:11") also returns entries written for the
/// ecosystem without a release ("Debian"), which by OSV's convention apply to every release; a look-up without a release
/// returns only those release-less entries.</para></summary>
public sealed class AdvisoryStore : IDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> _prepared = new();
    private volatile bool _disposed;

    private AdvisoryStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
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

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var store = new AdvisoryStore(full, builder.ToString());
        try
        {
            store.Info = store.ReadInfo();
            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new DrydockInputException(
                $"{full} is not a Drydock advisory database ({OneLine(e.Message)}); rebuild it with 'drydock db build'", e);
        }
        catch (Exception)
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The affected-package entries for <paramref name="name"/> in <paramref name="ecosystem"/> (name normalised as the
    /// builder does, e.g. PEP 503 for PyPI), plus release-less entries for a release-qualified ecosystem.</summary>
    public IReadOnlyList<AffectedPackage> FindAffected(string ecosystem, string name)
    {
        var normalised = EcosystemNames.NormaliseEcosystem(ecosystem);
        var key = normalised.ToLowerInvariant();
        var baseKey = EcosystemNames.EcosystemBase(key);
        var packageName = EcosystemNames.NormalisePackageName(normalised, name);
        return Query(command =>
        {
            command.CommandText = "SELECT data FROM affected WHERE ecosystem IN ($ecosystem, $base) AND name = $name ORDER BY rowid";
            command.Parameters.AddWithValue("$ecosystem", key);
            command.Parameters.AddWithValue("$base", baseKey);
            command.Parameters.AddWithValue("$name", packageName);
        }, reader => Deserialize(reader.GetString(0), AdvisoryJsonContext.Default.AffectedPackage));
    }

    /// <summary>How many names <see cref="FindMalicious"/> puts in one query.</summary>
    public const int NamesPerQuery = 256;

    /// <summary>The entries of OSV malicious-package (<c>MAL-</c>) records for any of <paramref name="names"/> in
    /// <paramref name="ecosystem"/>: one query per <see cref="NamesPerQuery"/> names, so an image with thousands of
    /// packages costs a few queries rather than one per package.</summary>
    public IReadOnlyList<AffectedPackage> FindMalicious(string ecosystem, IEnumerable<string> names)
    {
        var normalised = EcosystemNames.NormaliseEcosystem(ecosystem);
        var key = normalised.ToLowerInvariant();
        var distinct = names.Select(n => EcosystemNames.NormalisePackageName(normalised, n)).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<AffectedPackage>();
        foreach (var batch in distinct.Chunk(NamesPerQuery))
        {
            found.AddRange(Query(command =>
            {
                var parameters = string.Join(',', Enumerable.Range(0, batch.Length).Select(i => "$n" + i.ToString(CultureInfo.InvariantCulture)));
                command.CommandText = $"SELECT data FROM affected WHERE ecosystem = $ecosystem AND name IN ({parameters}) AND advisory_id >= 'MAL-' AND advisory_id < 'MAL.' ORDER BY rowid";
                command.Parameters.AddWithValue("$ecosystem", key);
                for (var i = 0; i < batch.Length; i++)
                {
                    command.Parameters.AddWithValue("$n" + i.ToString(CultureInfo.InvariantCulture), batch[i]);
                }
            }, reader => Deserialize(reader.GetString(0), AdvisoryJsonContext.Default.AffectedPackage)));
        }

        return found;
    }

    /// <summary>Every affected-package entry of one advisory.</summary>
    public IReadOnlyList<AffectedPackage> GetAffected(string advisoryId)
        => Query(command =>
        {
            command.CommandText = "SELECT data FROM affected WHERE advisory_id = $id ORDER BY rowid";
            command.Parameters.AddWithValue("$id", advisoryId);
        }, reader => Deserialize(reader.GetString(0), AdvisoryJsonContext.Default.AffectedPackage));

    /// <summary>The advisory <paramref name="id"/> merged over every source that has it: the first source's record
    /// (OSV and distro sources before NVD, ids derived for alias look-ups last) with the aliases, severities and references of all,
    /// and the first title found. Null when no source has it.</summary>
    public AdvisoryRecord? GetAdvisory(string id)
    {
        var records = GetAdvisoryPerSource(id);
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

    /// <summary>The advisory <paramref name="id"/> as each source has it, unmerged, in the order <see cref="GetAdvisory"/> prefers.</summary>
    public IReadOnlyList<AdvisoryRecord> GetAdvisoryPerSource(string id)
        => Query(command =>
        {
            command.CommandText = "SELECT data FROM advisories WHERE id = $id ORDER BY rank, source";
            command.Parameters.AddWithValue("$id", id);
        }, reader => Deserialize(reader.GetString(0), AdvisoryJsonContext.Default.AdvisoryRecord));

    /// <summary>The advisories (merged as <see cref="GetAdvisory"/>) that list <paramref name="id"/> among their aliases:
    /// a CVE finds its DSA, DLA, PYSEC or GHSA records, and a DSA finds its CVEs.</summary>
    public IReadOnlyList<AdvisoryRecord> GetAdvisoriesByAlias(string id)
    {
        var ids = Query(command =>
        {
            command.CommandText = "SELECT id FROM aliases WHERE alias = $alias ORDER BY id";
            command.Parameters.AddWithValue("$alias", id);
        }, reader => reader.GetString(0));
        var result = new List<AdvisoryRecord>(ids.Count);
        foreach (var aliasOf in ids)
        {
            if (GetAdvisory(aliasOf) is { } record)
            {
                result.Add(record);
            }
        }

        return result;
    }

    /// <summary>The whole KEV catalogue (about 1,500 entries), read once: cheaper than a look-up per finding.</summary>
    public IReadOnlyDictionary<string, KevEntry> KevCatalog => _kevCatalog ??= Query(
        command => command.CommandText = "SELECT cve, date_added, vendor_project, product, name, ransomware FROM kev",
        reader => new KevEntry(
            reader.GetString(0),
            DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt64(5) != 0)).ToDictionary(k => k.Cve, StringComparer.OrdinalIgnoreCase);

    private IReadOnlyDictionary<string, KevEntry>? _kevCatalog;

    /// <summary>The KEV entry for <paramref name="cve"/>, or null.</summary>
    public KevEntry? GetKev(string cve)
        => Query(command =>
        {
            command.CommandText = "SELECT cve, date_added, vendor_project, product, name, ransomware FROM kev WHERE cve = $cve";
            command.Parameters.AddWithValue("$cve", cve);
        }, reader => new KevEntry(
            reader.GetString(0),
            DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetInt64(5) != 0)).FirstOrDefault();

    /// <summary>The EPSS score for <paramref name="cve"/>, or null.</summary>
    public EpssScore? GetEpss(string cve)
        => Query(command =>
        {
            command.CommandText = "SELECT cve, score, percentile FROM epss WHERE cve = $cve";
            command.Parameters.AddWithValue("$cve", cve);
        }, reader => new EpssScore(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2))).FirstOrDefault();

    /// <summary>Closes every pooled connection.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private StoreInfo ReadInfo()
    {
        var meta = Query(command => command.CommandText = "SELECT key, value FROM meta", reader => (Key: reader.GetString(0), Value: reader.GetString(1)))
            .ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
        if (!meta.TryGetValue(AdvisorySchema.SchemaVersionKey, out var versionText)
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new DrydockInputException($"{Path} is not a Drydock advisory database (no schema version); rebuild it with 'drydock db build'");
        }

        if (version != AdvisorySchema.Version)
        {
            throw new DrydockInputException(
                $"the advisory database {Path} has schema version {version}, this drydock reads version {AdvisorySchema.Version}; rebuild it with 'drydock db build'");
        }

        var builtAt = meta.TryGetValue(AdvisorySchema.BuiltAtKey, out var built)
            && DateTimeOffset.TryParse(built, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
        var rejected = meta.TryGetValue(AdvisorySchema.RejectedKey, out var rejectedText)
            && long.TryParse(rejectedText, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var counts = Query(command => command.CommandText = "SELECT kind, key, count FROM counts ORDER BY kind, key",
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

    private List<T> Query<T>(Action<SqliteCommand> prepare, Func<SqliteDataReader, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // The caller describes the query on a detached command; the connection keeps one prepared command per SQL
        // text, so a scan's thousands of look-ups do not compile the same statement again each time.
        using var description = new SqliteCommand();
        prepare(description);
        var connection = Rent();
        try
        {
            var commands = _prepared.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
            if (!commands.TryGetValue(description.CommandText, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = description.CommandText;
                commands[description.CommandText] = command;
            }

            command.Parameters.Clear();
            foreach (SqliteParameter parameter in description.Parameters)
            {
                command.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
            }

            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            Return(connection);
        }
    }

    private SqliteConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            return connection;
        }

        connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    private void Return(SqliteConnection connection)
    {
        if (_disposed)
        {
            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    private T Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("null row");
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"the advisory database {Path} has a damaged row ({e.Message}); rebuild it with 'drydock db build'", e);
        }
    }

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
