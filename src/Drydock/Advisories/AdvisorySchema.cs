namespace Drydock.Advisories;

/// <summary>The advisory database's SQLite schema. Advisories are JSON blobs (CVSS scores computed at build time), each with a
/// binary summary of what a finding reads (<see cref="AdvisorySummaryCodec"/>), plus one summary merged over all sources (source
/// <c>''</c>, rank -1) for ids that several sources have; affected
/// entries are rows clustered by (ecosystem, name) with their ranges and version lists in <see cref="AffectedRowCodec"/>'s
/// binary form; <c>meta</c> holds the schema version, and a reader refuses any other version. Bump <see cref="Version"/> on
/// every change to tables or blobs.</summary>
public static class AdvisorySchema
{
    /// <summary>The schema version this build writes and reads. 4: Ubuntu releases are keyed without ":LTS" and Red Hat's streams
    /// by release (a version-3 file keeps "ubuntu:22.04:lts" and "red hat:enterprise_linux:9::baseos", which no look-up reaches).</summary>
    public const int Version = 4;

    /// <summary>The database file name in the cache directory.</summary>
    public const string DefaultFileName = "advisories.db";

    /// <summary>Tables created before the rows are written.</summary>
    internal const string CreateTables = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE advisories (
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            derived INTEGER NOT NULL,
            rank INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (id, source)) WITHOUT ROWID;
        CREATE TABLE summaries (
            id TEXT NOT NULL,
            source TEXT NOT NULL,
            rank INTEGER NOT NULL,
            summary BLOB NOT NULL,
            PRIMARY KEY (id, source)) WITHOUT ROWID;
        CREATE TABLE aliases (alias TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (alias, id)) WITHOUT ROWID;
        CREATE TABLE affected (
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            seq INTEGER NOT NULL,
            advisory_id TEXT NOT NULL,
            source TEXT NOT NULL,
            status INTEGER NOT NULL,
            note TEXT,
            ranges BLOB NOT NULL,
            versions BLOB,
            PRIMARY KEY (ecosystem, name, seq)) WITHOUT ROWID;
        CREATE TABLE kev (
            cve TEXT PRIMARY KEY, date_added TEXT NOT NULL, vendor_project TEXT, product TEXT, name TEXT,
            ransomware INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE epss (cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL) WITHOUT ROWID;
        CREATE TABLE counts (kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
        """;

    /// <summary>Every table <see cref="CreateTables"/> makes; a reader checks they are all there before trusting the file.</summary>
    internal static readonly string[] Tables = ["meta", "advisories", "summaries", "aliases", "affected", "kev", "epss", "counts"];

    /// <summary>Indexes created after the rows, which is faster than keeping them up to date while inserting.</summary>
    internal const string CreateIndexes = """
        CREATE INDEX affected_advisory ON affected (advisory_id);
        """;

    /// <summary>The <c>summaries</c> source of an id's summary merged over all its sources.</summary>
    internal const string MergedSource = "";

    /// <summary>The <c>summaries</c> rank of a merged summary: before every source's own.</summary>
    internal const int MergedRank = -1;

    /// <summary>Keys in <c>meta</c>.</summary>
    internal const string SchemaVersionKey = "schema_version";

    /// <summary>Build time, ISO 8601 UTC.</summary>
    internal const string BuiltAtKey = "built_at";

    /// <summary>Malformed records the build skipped.</summary>
    internal const string RejectedKey = "rejected_records";

    /// <summary>Kinds in <c>counts</c>.</summary>
    internal const string CountSource = "source";

    /// <summary>Affected entries per ecosystem.</summary>
    internal const string CountEcosystem = "ecosystem";

    /// <summary>Files per format.</summary>
    internal const string CountFormat = "format";
}
