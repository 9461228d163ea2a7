using System.Globalization;

namespace Drydock.Population.Reports;

/// <summary>The derived figures every writer shows the same way: safe shares, percentages and categories in order.</summary>
internal static class PopulationFigures
{
    /// <summary>One harmful category with its image count, its share of the harmful images and its share of all images.</summary>
    public readonly record struct Category(string Name, int Images, double ShareOfHarmful, double ShareOfImages);

    /// <summary><paramref name="part"/> / <paramref name="total"/>, 0 when the total is 0.</summary>
    public static double Share(long part, long total) => total <= 0 ? 0 : (double)part / total;

    /// <summary><paramref name="value"/>, or 0 when it is NaN or infinite (JSON and charts cannot show those).</summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;

    /// <summary><paramref name="stats"/> with every share finite.</summary>
    public static PopulationStats Finite(PopulationStats stats)
    {
        var harmful = stats.Harmful;
        if (IsFinite(stats) && harmful.ShareOfHarmful.Values.All(double.IsFinite))
        {
            return stats;
        }

        return stats with
        {
            WithCriticalShare = Finite(stats.WithCriticalShare),
            WithHighShare = Finite(stats.WithHighShare),
            WithFixableCriticalShare = Finite(stats.WithFixableCriticalShare),
            Harmful = harmful with
            {
                Share = Finite(harmful.Share),
                ShareOfHarmful = harmful.ShareOfHarmful.ToDictionary(kv => kv.Key, kv => Finite(kv.Value), StringComparer.Ordinal),
            },
        };
    }

    private static bool IsFinite(PopulationStats s)
        => double.IsFinite(s.WithCriticalShare) && double.IsFinite(s.WithHighShare) && double.IsFinite(s.WithFixableCriticalShare) && double.IsFinite(s.Harmful.Share);

    /// <summary>The harmful categories, most images first (then by name), with both shares computed from the counts.</summary>
    public static IReadOnlyList<Category> Categories(PopulationStats stats)
        => [.. stats.Harmful.ByCategory
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new Category(kv.Key, kv.Value, Share(kv.Value, stats.Harmful.Total), Share(kv.Value, stats.Images)))];

    /// <summary>A share as a percentage: one decimal (<c>51.0%</c>), two below 1% (<c>0.16%</c>, the study's harmful share), and <c>&lt;0.01%</c> rather than a zero that is not one.</summary>
    public static string Percent(double share)
    {
        var percent = Finite(share) * 100;
        return percent switch
        {
            > 0 and < 0.005 => "<0.01%",
            > 0 and < 0.995 => percent.ToString("0.00", CultureInfo.InvariantCulture) + "%",
            _ => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%",
        };
    }

    /// <summary>A count with thousands separators, e.g. <c>4,000,000</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A package as <c>ecosystem/name</c> (the name alone when the ecosystem is empty).</summary>
    public static string PackageLabel(PackageImageCount package)
        => string.IsNullOrEmpty(package.Ecosystem) ? package.Name : package.Ecosystem + "/" + package.Name;
}
