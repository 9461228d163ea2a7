using Drydock.Population;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl;

/// <summary>A real <c>docker-registry</c> on loopback holding <see cref="CrawlPopulation"/> (pushed in-process through the
/// registry API), one image whose layer blob is gone from the registry's storage (a failure the crawl must record), a
/// multi-platform index, the advisory database the population is matched against, a real PostgreSQL server, and a layer
/// cache that the first full crawl leaves warm for the others.</summary>
public sealed class CrawlRegistryFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; private set; } = null!;

    public PostgresServer Postgres { get; } = new();

    public IReadOnlyList<PopulationImage> Population { get; private set; } = [];

    /// <summary>The advisory database file.</summary>
    public string AdvisoryDatabase { get; private set; } = null!;

    /// <summary>A scratch folder for the tests' databases and caches.</summary>
    public string Root { get; private set; } = null!;

    /// <summary>The layer cache shared by the crawls after the first (cold) one.</summary>
    public string WarmCache => Path.Combine(Root, "warm-cache");

    /// <summary>The statistics a crawl of the whole registry must give, derived from the population's description.</summary>
    public PopulationStats Expected { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = Postgres.InitializeAsync();
        Registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        Root = RepoPaths.Scratch("crawl");
        Population = CrawlPopulation.Build();

        AdvisoryDatabase = Path.Combine(Root, "advisories.db");
        await CrawlPopulation.BuildAdvisoryDatabaseAsync(Path.Combine(Root, "advisory-sources"), AdvisoryDatabase);

        await using (var client = new RegistryClient(Registry.Host, new SourceOptions()))
        {
            Population = await CrawlPopulation.PushAsync(client, Population, Registry.DataDirectory);
        }

        Expected = ExpectedStats(Population, failed: 1);
        await postgres;
    }

    /// <summary>The statistics of <paramref name="images"/> as the description says (not as a scan finds them).</summary>
    public static PopulationStats ExpectedStats(IReadOnlyList<PopulationImage> images, int failed)
    {
        var n = images.Count;
        double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
        var harmful = images.Where(i => i.Harmful is not null).ToList();
        var byCategory = harmful.GroupBy(i => i.Harmful!).ToDictionary(g => g.Key, g => g.Count());
        var references = images.Sum(i => i.Layers.Count);
        var distinct = images.SelectMany(i => i.Layers).Select(l => l.DiffId).Distinct().Count();
        var critical = images.Count(i => i.Critical);
        var high = images.Count(i => i.Critical || i.High);
        return new PopulationStats(n, images.Select(i => i.Repository).Distinct().Count(), images.Sum(i => i.Tags.Count), failed,
            critical, Share(critical, n), high, Share(high, n), critical, Share(critical, n),
            new HarmfulStats(harmful.Count, Share(harmful.Count, n), byCategory, byCategory.ToDictionary(kv => kv.Key, kv => Share(kv.Value, harmful.Count))),
            [], [], new LayerReuse(distinct, references - distinct));
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}

/// <summary>Shares one <see cref="CrawlRegistryFixture"/> across the crawl test classes.</summary>
[CollectionDefinition(Name)]
public sealed class CrawlCollection : ICollectionFixture<CrawlRegistryFixture>
{
    public const string Name = "crawl registry";
}
