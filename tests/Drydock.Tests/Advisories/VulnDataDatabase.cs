using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories;

/// <summary>One advisory database built from all of ../shared/testdata/vuln-data, shared by the tests of a class.</summary>
public sealed class VulnDataDatabase : IAsyncLifetime
{
    private string? _directory;

    /// <summary>The build report.</summary>
    public AdvisoryBuildReport Report { get; private set; } = null!;

    /// <summary>The store, open read-only.</summary>
    public AdvisoryStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RepoPaths.SharedTestData is null)
        {
            return;
        }

        _directory = RepoPaths.Scratch("advisories");
        var output = Path.Combine(_directory, "advisories.db");
        Report = await new AdvisoryDatabaseBuilder().BuildAsync([SharedData.Path("vuln-data")], output, CancellationToken.None);
        Store = AdvisoryStore.Open(output);
    }

    public Task DisposeAsync()
    {
        Store?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
