using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Crawl;
using Drydock.LayerCache;
using Drydock.Project;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Tests.Assessment.Rescan;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Crawl.Rescan;

/// <summary>A crawl store to rescan: five images on a real loopback registry (the node image under three tags, an image
/// built FROM it, busybox, alpine, layered) crawled with the "before" advisory database of <see cref="RescanDatabases"/>.</summary>
public sealed class CrawledStore : IAsyncLifetime
{
    private readonly TestImages _images = new();

    public RescanDatabases Databases { get; } = new();
    public RegistryServer? Registry { get; private set; }

    /// <summary>The project database (SQLite) holding the crawl.</summary>
    public string Project { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (RepoPaths.SharedTestData is null)
        {
            return;
        }

        await Databases.InitializeAsync();
        foreach (var name in new[] { "node", "busybox", "alpine", "layered" })
        {
            await _images.EnsureAsync(name);
        }

        var scratch = RepoPaths.Scratch("crawl-rescan");
        var derived = Path.Combine(scratch, "node-v2");
        DerivedLayout.Write(_images.OciLayout("node"), derived, "v2", [new TarBuilder().File("app/RELEASE", "2\n").Build()]);
        Registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        var node = $"oci:{_images.OciLayout("node")}:v1";
        await Registry.PushAsync(node, "apps/web:1");
        await Registry.PushAsync(node, "apps/web:latest");
        await Registry.PushAsync(node, "mirror/web:stable");
        await Registry.PushAsync($"oci:{derived}:v2", "apps/web:2");
        await Registry.PushAsync($"oci:{_images.OciLayout("busybox")}:latest", "base/busybox:latest");
        await Registry.PushAsync($"oci:{_images.OciLayout("alpine")}:3.19", "base/alpine:3.19");
        await Registry.PushAsync($"oci:{_images.OciLayout("layered")}:v1", "apps/layered:v1");

        Project = Path.Combine(scratch, "drydock.db");
        await CrawlIntoAsync(ProjectDatabaseLocation.ForSqlite(Project));
    }

    /// <summary>The crawl, as 'drydock crawl registry:HOST' runs it, with the older advisory database, into <paramref name="location"/>.</summary>
    public async Task CrawlIntoAsync(ProjectDatabaseLocation location)
    {
        await using var database = await ProjectDatabase.OpenAsync(location, CancellationToken.None);
        var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.For(Scanners.All), new NoLayerResultStore());
        var assessor = new ImageAssessor(scanner, new ScanOptions(), new AssessmentSources(Scanners.All, Databases.Before, null));
        await using var crawler = new Crawler(new CrawlStore(database), assessor, new CrawlOptions());
        var progress = await crawler.RunAsync([CrawlSource.Parse($"registry:{Registry!.Host}")], CancellationToken.None);
        if ((progress.Done, progress.Failed) != (5, 0))
        {
            throw new InvalidOperationException($"the crawl scanned {progress.Done} images, {progress.Failed} failed; 5 and 0 expected");
        }
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}
