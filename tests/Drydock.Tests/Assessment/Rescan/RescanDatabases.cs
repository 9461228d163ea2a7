using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Assessment.Rescan;

/// <summary>Three advisory databases from the real advisories in ../shared/testdata/vuln-data: <see cref="Before"/> has every
/// source but the GHSA npm sample; <see cref="WithExpress"/> adds one GHSA record (GHSA-rv95-896h-c2vc, CVE-2024-29041:
/// express before 4.19.2, which the node test image carries at 4.18.2); <see cref="WithJquery"/> adds one for jQuery,
/// which no test image carries; <see cref="WithMalware"/> adds an OSV malicious-package record (written here, not a real
/// one: <see cref="MaliciousId"/>) naming express 4.18.2.</summary>
public sealed class RescanDatabases : IAsyncLifetime
{
    /// <summary>The advisory the <see cref="WithExpress"/> database adds, by the CVE its finding is named after.</summary>
    public const string ExpressCve = "CVE-2024-29041";

    private static readonly string[] BaseSources =
        ["alpine-secdb", "cisa-kev", "debian-security-tracker", "go-vulndb", "osv-malicious-npm-sample", "pypa-advisory-database", "rustsec-advisory-db"];

    /// <summary>The malicious-package record <see cref="WithMalware"/> adds.</summary>
    public const string MaliciousId = "MAL-2099-0001";

    public string Before { get; private set; } = "";
    public string WithMalware { get; private set; } = "";
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
        var record = Path.Combine(folder, MaliciousId + ".json");
        await File.WriteAllTextAsync(record, MaliciousRecord);
        WithMalware = await BuildAsync(folder, "malware.db", [.. sources, record]);
        WithJquery = await BuildAsync(folder, "jquery.db", [.. sources, SharedData.Path("vuln-data", "ghsa-npm-sample", "2020", "04", "GHSA-gxr4-xjj5-5px2", "GHSA-gxr4-xjj5-5px2.json")]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // An OSV record in the shape of the OpenSSF malicious-packages feed, for a test only.
    private const string MaliciousRecord = """
        {
          "schema_version": "1.5.0",
          "id": "MAL-2099-0001",
          "modified": "2026-12-01T00:00:00Z",
          "published": "2026-12-01T00:00:00Z",
          "summary": "Malicious code in express (npm)",
          "details": "A test record: this release is treated as malicious by the rescan tests.",
          "affected": [ { "package": { "ecosystem": "npm", "name": "express" }, "versions": [ "4.18.2" ] } ]
        }
        """;

    /// <summary>Opens one of the databases.</summary>
    public static AdvisoryStore Open(string path) => AdvisoryStore.Open(path);

    private static async Task<string> BuildAsync(string folder, string name, IReadOnlyList<string> sources)
    {
        var path = Path.Combine(folder, name);
        await new AdvisoryDatabaseBuilder().BuildAsync(sources, path, CancellationToken.None);
        return path;
    }
}
