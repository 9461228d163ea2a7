using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Crawl;

namespace Drydock.Bench;

/// <summary><c>crawl-populate HOST:PORT DATA_DIR OUT_DIR</c>: pushes the crawl tests' ~200-image population to a running
/// registry (whose storage is DATA_DIR) and builds its advisory database as OUT_DIR/advisories.db (bench/crawl.sh).</summary>
public static class CrawlPopulate
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: Drydock.Bench crawl-populate HOST:PORT DATA_DIR OUT_DIR");
            return 2;
        }

        await using var client = new RegistryClient(args[0], new SourceOptions());
        var images = await CrawlPopulation.PushAsync(client, CrawlPopulation.Build(), args[1]);
        await CrawlPopulation.BuildAdvisoryDatabaseAsync(Path.Combine(args[2], "advisory-sources"), Path.Combine(args[2], "advisories.db"));
        var layers = images.SelectMany(i => i.Layers).ToList();
        Console.WriteLine($"{images.Count} images, {images.Sum(i => i.Tags.Count)} tags, {layers.Select(l => l.DiffId).Distinct().Count()} distinct layers in {layers.Count} layer references");
        return 0;
    }
}
