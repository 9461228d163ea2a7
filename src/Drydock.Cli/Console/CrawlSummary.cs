using System.Globalization;
using Drydock.Crawl;
using Drydock.Population;

namespace Drydock.Cli.Console;

/// <summary>The summary <c>drydock crawl</c> prints at the end: this run's work and the crawled population's dedup ratios.</summary>
public static class CrawlSummary
{
    /// <summary>Writes the summary of a run (<paramref name="run"/>) over the population so far (<paramref name="population"/>).</summary>
    public static async Task WriteAsync(TextWriter output, CrawlProgress run, PopulationStats population, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var lookups = run.LayersAnalysed + run.LayersReused;
        var lines = new[]
        {
            string.Create(c, $"This run: {run.Done} images scanned, {run.Skipped} done by an earlier run, {run.Failed} failed, {run.Queued} left, in {Duration(run.Elapsed)} ({run.ImagesPerMinute:0.0} images/min)"),
            string.Create(c, $"Layers this run: {run.LayersAnalysed} analysed, {run.LayersReused} reused from the cache (reuse {Ratio(run.LayersReused, lookups)})"),
            string.Create(c, $"Manifest requests: {run.ManifestRequests} GET + {run.HeadRequests} HEAD ({run.RequestsPerSecond:0.0}/s); findings: {run.Findings}; tags moved: {run.MovedTags}"),
            string.Create(c, $"Population: {population.Images} images, {population.Repositories} repositories, {population.Tags} tags ({Per(population.Tags, population.Images)} tags per manifest), {population.Failed} failed"),
            string.Create(c, $"Layer dedup: {population.Layers.Analysed} distinct layers in {population.Layers.Analysed + population.Layers.Reused} layer references (reuse {population.Layers.ReuseRatio:P1})"),
            string.Create(c, $"With a critical vulnerability: {population.WithCritical} ({population.WithCriticalShare:P1}); harmful: {population.Harmful.Total}"),
        };
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A short duration: <c>42s</c>, <c>3m05s</c>, <c>2h10m</c>.</summary>
    public static string Duration(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s") : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s");

    private static string Ratio(long part, long whole) => whole == 0 ? "n/a" : ((double)part / whole).ToString("P1", CultureInfo.InvariantCulture);

    private static string Per(long part, long whole) => whole == 0 ? "n/a" : ((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture);
}
