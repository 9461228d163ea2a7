using Drydock.Advisories;
using Drydock.Tests.Cli;
using Microsoft.Data.Sqlite;

namespace Drydock.Tests.Advisories;

/// <summary>A database written by a drydock of schema 1 (affected entries as JSON rows) or schema 2 (no advisory summaries) is
/// refused by scans and status with one line that says how to get a current one.</summary>
public sealed class OldSchemaTests : IDisposable
{
    private readonly SyntheticSources _sources = new();

    public void Dispose() => _sources.Dispose();

    // A database file under the scratch directory, made by running sql.
    private string WriteDatabase(string folder, string sql)
    {
        var path = Path.Combine(_sources.Directory, folder, "advisories.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return path;
    }

    // The layout schema 1 had, with one Go advisory and its affected entry as JSON.
    private string WriteSchema1Database() => WriteDatabase("old", """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE advisories (id TEXT NOT NULL, source TEXT NOT NULL, derived INTEGER NOT NULL, rank INTEGER NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (id, source)) WITHOUT ROWID;
            CREATE TABLE aliases (alias TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (alias, id)) WITHOUT ROWID;
            CREATE TABLE affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL, advisory_id TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE counts (kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
            CREATE INDEX affected_package ON affected (ecosystem, name);
            INSERT INTO meta VALUES ('schema_version', '1'), ('built_at', '2026-01-01T00:00:00Z'), ('rejected_records', '0');
            INSERT INTO advisories VALUES ('GO-2024-0001', 'go', 0, 0, '{"id":"GO-2024-0001","source":"go","aliases":[],"withdrawn":false,"severities":[],"references":[]}');
            INSERT INTO affected VALUES ('go', 'example.com/m', 'GO-2024-0001',
                '{"advisoryId":"GO-2024-0001","ecosystem":"Go","name":"example.com/m","ranges":[],"versions":[],"status":"Affected","fixedVersions":[]}');
            """);

    // The layout schema 2 had: binary affected rows, but no summaries table.
    private string WriteSchema2Database() => WriteDatabase("old2", """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE advisories (id TEXT NOT NULL, source TEXT NOT NULL, derived INTEGER NOT NULL, rank INTEGER NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (id, source)) WITHOUT ROWID;
            CREATE TABLE aliases (alias TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (alias, id)) WITHOUT ROWID;
            CREATE TABLE affected (ecosystem TEXT NOT NULL, name TEXT NOT NULL, seq INTEGER NOT NULL, advisory_id TEXT NOT NULL, source TEXT NOT NULL,
                status INTEGER NOT NULL, note TEXT, ranges BLOB NOT NULL, versions BLOB, PRIMARY KEY (ecosystem, name, seq)) WITHOUT ROWID;
            CREATE TABLE counts (kind TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
            INSERT INTO meta VALUES ('schema_version', '2'), ('built_at', '2026-12-01T00:00:00Z'), ('rejected_records', '0');
            INSERT INTO advisories VALUES ('GO-2024-0001', 'go', 0, 0, '{"id":"GO-2024-0001","source":"go","aliases":[],"withdrawn":false,"severities":[],"references":[]}');
            """);

    [Fact]
    public async Task A_scan_with_a_schema_2_database_exits_2_with_one_line_naming_the_ways_out()
    {
        var path = WriteSchema2Database();
        Assert.Equal(2, AdvisoryStore.ReadSchemaVersion(path));
        var sbom = _sources.Write("app2.cdx.json",
            """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"m","purl":"pkg:golang/example.com/m@v1.0.0"}]}""");
        var run = await CliRunner.InProcessAsync("scan", $"sbom:{sbom}", "--advisory-db", path, "--format", "json");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"schema version 2, this drydock reads version {AdvisorySchema.Version}", line);
        Assert.Contains("drydock db update", line);
        Assert.DoesNotContain(" at Drydock.", line);
    }

    [Fact]
    public void A_current_schema_database_missing_a_table_is_refused_as_damaged_in_one_line()
    {
        var path = WriteDatabase("damaged", AdvisorySchema.CreateTables + $"""
            DROP TABLE summaries;
            INSERT INTO meta VALUES ('schema_version', '{AdvisorySchema.Version}'), ('built_at', '2026-12-01T00:00:00Z'), ('rejected_records', '0');
            """);
        var error = Assert.Throws<DrydockInputException>(() => AdvisoryStore.Open(path));
        Assert.Equal($"the advisory database {path} is damaged (table 'summaries' is missing); rebuild it with 'drydock db build' or 'drydock db update'", error.Message);
    }

    [Fact]
    public void The_table_list_a_reader_checks_is_every_table_the_schema_creates()
    {
        var created = System.Text.RegularExpressions.Regex.Matches(AdvisorySchema.CreateTables, @"CREATE TABLE (\w+)").Select(m => m.Groups[1].Value);
        Assert.Equal(created.Order(StringComparer.Ordinal), AdvisorySchema.Tables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_store_refuses_a_schema_1_database_naming_the_ways_out()
    {
        var path = WriteSchema1Database();
        Assert.Equal(1, AdvisoryStore.ReadSchemaVersion(path));
        var error = Assert.Throws<DrydockInputException>(() => AdvisoryStore.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains($"schema version 1, this drydock reads version {AdvisorySchema.Version}", error.Message);
        Assert.Contains("drydock db build", error.Message);
        Assert.Contains("drydock db update", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_scan_with_a_schema_1_database_exits_2_with_one_line()
    {
        var path = WriteSchema1Database();
        var sbom = _sources.Write("app.cdx.json",
            """{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"m","purl":"pkg:golang/example.com/m@v1.0.0"}]}""");
        var run = await CliRunner.InProcessAsync("scan", $"sbom:{sbom}", "--advisory-db", path, "--format", "json");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("schema version 1", line);
        Assert.DoesNotContain(" at Drydock.", line);
    }

    [Fact]
    public void A_file_that_is_no_database_has_no_schema_version()
    {
        Assert.Null(AdvisoryStore.ReadSchemaVersion(Path.Combine(_sources.Directory, "none.db")));
        Assert.Null(AdvisoryStore.ReadSchemaVersion(_sources.Write("text.db", "not a database, only text long enough for a header of sorts\n")));
    }
}
