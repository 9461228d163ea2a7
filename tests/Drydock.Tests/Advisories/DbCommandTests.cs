using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories;

/// <summary><c>drydock db build</c> and <c>db status</c> through the CLI, in-process.</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly SyntheticSources _sources = new();

    public void Dispose() => _sources.Dispose();

    [SharedDataFact]
    public async Task Build_over_vuln_data_then_status_reports_counts()
    {
        var build = await CliRunner.InProcessAsync("db", "build", "--source", SharedData.Path("vuln-data", "debian-security-tracker"),
            "--source", SharedData.Path("vuln-data", "alpine-secdb"), "--output", _sources.Output);
        Assert.Equal(0, build.ExitCode);
        Assert.Contains("debian-dsa", build.Stdout);
        Assert.Equal("", build.Stderr);

        var status = await CliRunner.InProcessAsync("db", "status", "--advisory-db", _sources.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"schema version: {Drydock.Advisories.AdvisorySchema.Version}", status.Stdout);
        Assert.Matches(@"debian-dsa\s+5406", status.Stdout);
        Assert.Matches(@"debian-dla\s+3534", status.Stdout);
        Assert.Matches(@"Alpine:v3\.10\s+\d+", status.Stdout);
        Assert.Matches(@"built at: \d{4}-\d\d-\d\d", status.Stdout);
    }

    [Fact]
    public async Task Build_reports_malformed_records_on_stderr_and_still_succeeds()
    {
        _sources.Write("broken.json", "{\"id\": \"GO-1\", \"affected\": [");
        _sources.Write("ok.json", """{"id": "GO-2024-0001", "modified": "2024-01-01T00:00:00Z", "affected": []}""");
        var build = await CliRunner.InProcessAsync("db", "build", "-s", Path.Combine(_sources.Directory, "in"), "-o", _sources.Output);
        Assert.Equal(0, build.ExitCode);
        Assert.Contains("1 malformed records skipped", build.Stderr);
        Assert.Contains("broken.json", build.Stderr);
    }

    [Fact]
    public async Task Status_of_a_garbage_file_exits_2_with_one_line()
    {
        var garbage = _sources.Write("garbage.db", "not a database, not even close; just text long enough to fill a header page\n");
        var status = await CliRunner.InProcessAsync("db", "status", "--advisory-db", garbage);
        Assert.Equal(2, status.ExitCode);
        var line = Assert.Single(status.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("drydock: ", line);
        Assert.Contains(garbage, line);
    }

    [Fact]
    public async Task Status_of_another_schema_exits_2()
    {
        _sources.Write("ok.json", """{"id": "GO-2024-0001", "modified": "2024-01-01T00:00:00Z", "affected": []}""");
        Assert.Equal(0, (await CliRunner.InProcessAsync("db", "build", "-s", Path.Combine(_sources.Directory, "in"), "-o", _sources.Output)).ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_sources.Output};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = '0' WHERE key = 'schema_version'";
            command.ExecuteNonQuery();
        }

        var status = await CliRunner.InProcessAsync("db", "status", "--advisory-db", _sources.Output);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("schema version 0", status.Stderr);
        Assert.Single(status.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Build_without_a_source_or_with_a_missing_one_exits_2()
    {
        Assert.Equal(2, (await CliRunner.InProcessAsync("db", "build", "--output", _sources.Output)).ExitCode);
        var missing = await CliRunner.InProcessAsync("db", "build", "--source", Path.Combine(_sources.Directory, "nope"), "--output", _sources.Output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Stderr);
    }
}
