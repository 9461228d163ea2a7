using System.Text;
using Drydock.Advisories;
using Drydock.Advisories.Builders;

namespace Drydock.Tests.Advisories;

/// <summary>Broken and hostile inputs are counted and reported with their file names; the build always finishes.</summary>
public sealed class HostileSourceTests : IDisposable
{
    private readonly SyntheticSources _sources = new();

    public void Dispose() => _sources.Dispose();

    private const string GoodOsv = """{"id": "GO-2024-0001", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "Go", "name": "example.com/m"}}]}""";

    [Fact]
    public async Task Deep_JSON_nesting_is_rejected_and_the_rest_still_builds()
    {
        _sources.Write("good.json", GoodOsv);
        _sources.Write("deep.json", """{"id": "X-1", "modified": "2024", "affected": """ + new string('[', 10_000) + new string(']', 10_000) + "}");
        var report = await _sources.BuildAsync();
        Assert.Equal(1, report.ProblemCount);
        Assert.Contains("deep.json: not valid JSON", Assert.Single(report.Problems));
        using var store = _sources.Open();
        Assert.NotNull(store.GetAdvisory("GO-2024-0001"));
        Assert.Equal(1, store.Info.RejectedRecords);
    }

    [Fact]
    public async Task YAML_aliases_are_refused_so_a_billion_laughs_cannot_expand()
    {
        var bomb = new StringBuilder("id: PYSEC-0000-1\nmodified: '2024-01-01'\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append(CultureInfo($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"));
        }

        bomb.Append("affected: *a9\n");
        _sources.Write("bomb.yaml", bomb.ToString());
        var report = await _sources.BuildAsync();
        Assert.Contains("aliases are not accepted", Assert.Single(report.Problems));
    }

    [Fact]
    public async Task Deep_YAML_nesting_is_refused()
    {
        _sources.Write("deep.yaml", "id: PYSEC-0000-2\naffected: " + new string('[', 500) + new string(']', 500) + "\n");
        var report = await _sources.BuildAsync();
        Assert.Contains("nesting deeper than", Assert.Single(report.Problems));
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_skipped_with_a_problem()
    {
        _sources.Write("big.json", GoodOsv + new string(' ', 4096));
        var report = await _sources.BuildAsync(new AdvisoryBuildOptions { MaxFileBytes = 1024 });
        Assert.Contains("larger than", Assert.Single(report.Problems));
        using var store = _sources.Open();
        Assert.Null(store.GetAdvisory("GO-2024-0001"));
    }

    [Fact]
    public async Task Malformed_records_are_counted_and_only_the_first_few_are_listed()
    {
        for (var i = 0; i < 15; i++)
        {
            _sources.Write($"broken-{i:D2}.json", "{\"id\": \"GO-1\", \"affected\": [");
        }

        _sources.Write("no-package.json", """{"id": "GHSA-0000-0000-0001", "modified": "2024-01-01T00:00:00Z", "affected": [{"ranges": []}]}""");
        _sources.Write("kev.json", """{"catalogVersion": "1", "vulnerabilities": [{"cveID": "CVE-2024-1"}, {"cveID": "CVE-2024-2", "dateAdded": "2024-05-06"}]}""");
        _sources.Write("README.md", "# Not advisory data\nJust words.\n");
        _sources.Write("binary.bin", new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 0, 0 });
        var report = await _sources.BuildAsync();
        Assert.Equal(17, report.ProblemCount);
        Assert.Equal(10, report.Problems.Count);
        Assert.Equal(2, report.FilesUnrecognised);
        using var store = _sources.Open();
        Assert.NotNull(store.GetAdvisory("GHSA-0000-0000-0001"));
        Assert.Equal(1, store.Info.KevEntries);
        Assert.Equal(new DateOnly(2024, 5, 6), store.GetKev("CVE-2024-2")!.DateAdded);
    }

    [Fact]
    public async Task A_missing_source_is_a_user_error()
    {
        var error = await Assert.ThrowsAsync<DrydockInputException>(
            () => new AdvisoryDatabaseBuilder().BuildAsync([Path.Combine(_sources.Directory, "absent")], _sources.Output, CancellationToken.None));
        Assert.Contains("does not exist", error.Message);
        Assert.False(File.Exists(_sources.Output));
    }

    private static string CultureInfo(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
