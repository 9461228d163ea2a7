using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories.Distribution;

/// <summary>Two real registries (plain and htpasswd Basic auth) of their own, so tests may corrupt storage freely, and one
/// advisory database built from the Alpine secdb and KEV samples of ../shared/testdata/vuln-data.</summary>
public sealed class DistributionRegistries : IAsyncLifetime
{
    public RegistryServer Plain { get; private set; } = null!;
    public RegistryServer Basic { get; private set; } = null!;

    /// <summary>Scratch space for the class.</summary>
    public string Scratch { get; } = RepoPaths.Scratch("advisory-distribution");

    /// <summary>The database to push (null when the shared data is absent).</summary>
    public string? Database { get; private set; }

    public async Task InitializeAsync()
    {
        var servers = await Task.WhenAll(RegistryServer.StartAsync(RegistryAuthMode.None), RegistryServer.StartAsync(RegistryAuthMode.Htpasswd));
        (Plain, Basic) = (servers[0], servers[1]);
        if (RepoPaths.SharedTestData is not null)
        {
            Database = Path.Combine(Scratch, "source.db");
            await new AdvisoryDatabaseBuilder().BuildAsync(
                [SharedData.Path("vuln-data", "alpine-secdb"), SharedData.Path("vuln-data", "cisa-kev", "known_exploited_vulnerabilities.json")],
                Database, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await Plain.DisposeAsync();
        await Basic.DisposeAsync();
        Directory.Delete(Scratch, recursive: true);
    }
}
