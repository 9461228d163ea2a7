namespace Drydock.Population.Reports.Html;

/// <summary>The HTML report's charts, in page order, built from a <see cref="PopulationStats"/>.</summary>
public static class PopulationCharts
{
    /// <summary>Bars per chart (the tables under the charts list every row).</summary>
    public const int MaxBars = 15;

    /// <summary>Images with critical, high and fixable critical vulnerabilities, as shares of all images.</summary>
    public static ChartStyle Vulnerable { get; } = new("chart-vulnerable-images", "Images with critical, high and fixable critical vulnerabilities", "#d62728");

    /// <summary>Harmful images per threat category (count and share of the harmful images).</summary>
    public static ChartStyle Harmful { get; } = new("chart-harmful-categories", "Harmful images by category", "#7b2cbf");

    /// <summary>Packages carrying critical or high vulnerabilities, by images.</summary>
    public static ChartStyle Packages { get; } = new("chart-top-packages", "Top vulnerable packages", "#ff7f0e");

    /// <summary>Operating systems the images are built on, by images.</summary>
    public static ChartStyle Bases { get; } = new("chart-common-bases", "Most common bases", "#1f77b4");

    /// <summary>Layer analyses reused from the cache (this chart's fill) versus computed (<see cref="AnalysedFill"/>).</summary>
    public static ChartStyle Layers { get; } = new("chart-layer-reuse", "Layer reuse", "#2ca02c");

    /// <summary>The fill of the layer chart's "analysed" bar.</summary>
    public const string AnalysedFill = "#8c8c8c";

    /// <summary>Every chart, in the order the page shows them.</summary>
    public static IReadOnlyList<ChartStyle> All { get; } = [Vulnerable, Harmful, Packages, Bases, Layers];

    internal static BarChart VulnerableChart(PopulationStats s)
    {
        if (s.Images == 0)
        {
            return new BarChart(Vulnerable, [], 1);
        }

        return new BarChart(Vulnerable,
        [
            ShareBar("critical", s.WithCritical, s.Images),
            ShareBar("high or critical", s.WithHigh, s.Images),
            ShareBar("critical with a fix", s.WithFixableCritical, s.Images),
        ], 1);
    }

    internal static BarChart HarmfulChart(PopulationStats s)
        => new(Harmful, [.. PopulationFigures.Categories(s).Take(MaxBars)
            .Select(c => new Bar(c.Name, c.Images, $"{PopulationFigures.Count(c.Images)} ({PopulationFigures.Percent(c.ShareOfHarmful)} of harmful)"))]);

    internal static BarChart PackagesChart(PopulationStats s)
        => new(Packages, [.. s.TopVulnerablePackages.Take(MaxBars)
            .Select(p => new Bar(PopulationFigures.PackageLabel(p), p.Images, $"{PopulationFigures.Count(p.Images)} ({PopulationFigures.Count(p.Critical)} with critical)"))]);

    internal static BarChart BasesChart(PopulationStats s)
        => new(Bases, [.. s.CommonBases.Take(MaxBars)
            .Select(b => new Bar(b.Name, b.Images, $"{PopulationFigures.Count(b.Images)} ({PopulationFigures.Percent(PopulationFigures.Share(b.Images, s.Images))})"))]);

    internal static BarChart LayersChart(PopulationStats s)
    {
        var l = s.Layers;
        var total = l.Analysed + l.Reused;
        if (total == 0)
        {
            return new BarChart(Layers, [], 1);
        }

        return new BarChart(Layers,
        [
            new Bar("reused from the cache", PopulationFigures.Share(l.Reused, total), $"{PopulationFigures.Percent(l.ReuseRatio)} ({PopulationFigures.Count(l.Reused)})"),
            new Bar("analysed", PopulationFigures.Share(l.Analysed, total), $"{PopulationFigures.Percent(PopulationFigures.Share(l.Analysed, total))} ({PopulationFigures.Count(l.Analysed)})", AnalysedFill),
        ], 1);
    }

    /// <summary>The charts for <paramref name="stats"/>, in <see cref="All"/> order.</summary>
    internal static IReadOnlyList<BarChart> For(PopulationStats stats)
        => [VulnerableChart(stats), HarmfulChart(stats), PackagesChart(stats), BasesChart(stats), LayersChart(stats)];

    private static Bar ShareBar(string label, int images, int total)
        => new(label, PopulationFigures.Share(images, total), $"{PopulationFigures.Percent(PopulationFigures.Share(images, total))} ({PopulationFigures.Count(images)} of {PopulationFigures.Count(total)})");
}
