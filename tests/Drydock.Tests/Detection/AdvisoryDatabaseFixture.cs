using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Detection;

/// <summary>One advisory database built from all of ../shared/testdata/vuln-data, shared by the matching tests.</summary>
public sealed class AdvisoryDatabaseFixture : IAsyncLifetime
{
    public string? Path { get; private set; }

    public async Task InitializeAsync()
    {
        if (RepoPaths.SharedTestData is null)
        {
            return;
        }

        Path = System.IO.Path.Combine(RepoPaths.Scratch("advisories"), "advisories.db");
        await new AdvisoryDatabaseBuilder().BuildAsync([SharedData.Path("vuln-data")], Path, CancellationToken.None);
    }

    public AdvisoryStore Open() => AdvisoryStore.Open(Path ?? throw new InvalidOperationException(SharedData.AbsentMessage));

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class AdvisoryDatabaseCollection : ICollectionFixture<AdvisoryDatabaseFixture>
{
    public const string Name = "advisory database";
}
