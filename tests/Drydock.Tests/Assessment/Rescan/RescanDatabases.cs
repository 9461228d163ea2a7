using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Assessment.Rescan;

/// <summary>Three advisory databases from the real advisories in ../shared/testdata/vuln-data: <see cref="Before"/> has every
/// source but the GHSA npm sample; <see cref="WithExpress"/> adds one GHSA record (GHSA-rv95-896h-c2vc, CVE-2024-29041:
/// express before 4.19.2, which the node test image carries at 4.18.2); <see cref="WithJquery"/> adds one for jQuery,
/// which no test image carries.</summary>
public sealed class RescanDatabases : IAsyncLifetime
{
    /// <summary>The advisory the <see cref="WithExpress"/> database adds, by the CVE its finding is named after.</summary>
    public const string ExpressCve = "CVE-2024-29041";

    private static readonly string[] BaseSources =
        ["alpine-secdb", "cisa-kev", "debian-security-tracker", "go-vulndb", "osv-malicious-npm-sample", "pypa-advisory-database", "rustsec-advisory-db"];

    public string Before { get; private set; } = "";
    public string WithExpress { get; private set; } = "";
    public string WithJquery { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (RepoPaths.SharedTestData is null)
        {
            return;
        }

        var folder = RepoPaths.Scratch("rescan-db");
        var sources = BaseSources.Select(s => SharedData.Path("vuln-data", s)).ToList();
        Before = await BuildAsync(folder, "before.db", sources);
        WithExpress = await BuildAsync(folder, "express.db", [.. sources, SharedData.Path("vuln-data", "ghsa-npm-sample", "2024", "03", "GHSA-rv95-896h-c2vc", "GHSA-rv95-896h-c2vc.json")]);
        WithJquery = await BuildAsync(folder, "jquery.db", [.. sources, SharedData.Path("vuln-data", "ghsa-npm-sample", "2020", "04", "GHSA-gxr4-xjj5-5px2", "GHSA-gxr4-xjj5-5px2.json")]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Opens one of the databases.</summary>
    public static AdvisoryStore Open(string path) => AdvisoryStore.Open(path);

    private static async Task<string> BuildAsync(string folder, string name, IReadOnlyList<string> sources)
    {
        var path = Path.Combine(folder, name);
        await new AdvisoryDatabaseBuilder().BuildAsync(sources, path, CancellationToken.None);
        return path;
    }
}
