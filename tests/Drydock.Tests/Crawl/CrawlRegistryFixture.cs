using System.Text;
using System.Text.Json;
using Drydock.Advisories.Builders;
using Drydock.Population;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

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

        var sources = Path.Combine(Root, "advisory-sources");
        Directory.CreateDirectory(sources);
        foreach (var (name, json) in CrawlPopulation.Advisories)
        {
            await File.WriteAllTextAsync(Path.Combine(sources, name), json);
        }

        AdvisoryDatabase = Path.Combine(Root, "advisories.db");
        await new AdvisoryDatabaseBuilder().BuildAsync([sources], AdvisoryDatabase, CancellationToken.None);

        await using (var client = new RegistryClient(Registry.Host, new SourceOptions()))
        {
            using var gate = new SemaphoreSlim(8);
            await Task.WhenAll(Population.GroupBy(i => i.Repository).Select(async repository =>
            {
                await gate.WaitAsync();
                try
                {
                    foreach (var image in repository)
                    {
                        await PushImageAsync(client, image, image.Tags);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));

            // An image the crawl cannot scan: its layer blob is deleted from the registry's storage after the push.
            var lost = PopulationLayer.Of("lost", new TarBuilder().File("lost/file", "gone\n"));
            await PushImageAsync(client, new PopulationImage("broken/app", ["latest"], [lost], null, false, false, null), ["latest"]);
            Directory.Delete(Path.Combine(Registry.DataDirectory, "docker", "registry", "v2", "blobs", "sha256", lost.Digest[7..9], lost.Digest[7..]), recursive: true);

            // A multi-platform index: the crawl scans only the linux/amd64 image unless --platform all.
            var amd64 = new PopulationImage("multi/tool", [], [Population[2].Layers[0], PopulationLayer.Of("multi-amd64", new TarBuilder().File("usr/bin/tool", "amd64\n"))], null, false, false, null);
            var arm64 = amd64 with { Layers = [PopulationLayer.Of("multi-arm64", new TarBuilder().File("usr/bin/tool", "arm64\n"))], Architecture = "arm64" };
            var children = new List<string>();
            foreach (var child in new[] { amd64, arm64 })
            {
                var (digest, size) = await PushImageAsync(client, child, []);
                children.Add($"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{digest}\",\"size\":{size},\"platform\":{{\"os\":\"linux\",\"architecture\":\"{child.Architecture}\"}}}}");
            }

            var index = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', children)}]}}");
            foreach (var tag in new[] { "1", "latest" })
            {
                await client.PutManifestAsync("multi/tool", tag, index, MediaTypes.OciIndex, CancellationToken.None);
            }

            Population = [.. Population, amd64 with { Tags = ["1", "latest"] }];
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

    // Pushes the blobs, the config and the manifest under each tag; returns the manifest digest and size.
    private static async Task<(string Digest, int Size)> PushImageAsync(RegistryClient client, PopulationImage image, IEnumerable<string> tags)
    {
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["architecture"] = image.Architecture,
            ["os"] = "linux",
            ["created"] = "2024-01-01T00:00:00Z",
            ["config"] = new Dictionary<string, object?> { ["Entrypoint"] = image.Entrypoint, ["Env"] = new[] { "PATH=/usr/local/bin:/usr/bin:/bin" } },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = image.Layers.Select(l => l.DiffId).ToArray() },
        });
        var configDigest = Digest.Sha256Of(config);
        await UploadAsync(client, image.Repository, configDigest, config);
        foreach (var layer in image.Layers)
        {
            await UploadAsync(client, image.Repository, Digest.Parse(layer.Digest), layer.Gzip);
        }

        var layers = string.Join(',', image.Layers.Select(l => $"{{\"mediaType\":\"{MediaTypes.OciLayerGzip}\",\"digest\":\"{l.Digest}\",\"size\":{l.Gzip.Length}}}"));
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{layers}]}}");
        var digest = Digest.Sha256Of(manifest).ToString();
        await client.PutManifestAsync(image.Repository, digest, manifest, MediaTypes.OciManifest, CancellationToken.None);
        foreach (var tag in tags)
        {
            await client.PutManifestAsync(image.Repository, tag, manifest, MediaTypes.OciManifest, CancellationToken.None);
        }

        return (digest, manifest.Length);
    }

    private static async Task UploadAsync(RegistryClient client, string repository, Digest digest, byte[] content)
    {
        if (!await client.BlobExistsAsync(repository, digest, content.Length, CancellationToken.None))
        {
            await client.UploadBlobAsync(repository, digest, content, CancellationToken.None);
        }
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
