using Drydock.Population;

namespace Drydock.Tests.Population;

/// <summary>Hand-built populations for the report writers' tests.</summary>
internal static class PopulationSamples
{
    /// <summary>A hostile package name: markup, a script, a formula, a quote, a comma, a line break and a terminal escape.</summary>
    public const string HostileName = "<script>alert(1)</script>\"=HYPERLINK(\"x\"),\r\n\u001b[31mred&amp;";

    /// <summary>200 images shaped like the study's population (51% with a critical vulnerability, the harmful categories in its proportions).</summary>
    public static PopulationStats Study() => new(
        Images: 200,
        Repositories: 60,
        Tags: 340,
        Failed: 3,
        WithCritical: 102,
        WithCriticalShare: 0.51,
        WithHigh: 150,
        WithHighShare: 0.75,
        WithFixableCritical: 80,
        WithFixableCriticalShare: 0.4,
        Harmful: new HarmfulStats(
            Total: 25,
            Share: 0.125,
            ByCategory: new Dictionary<string, int> { ["hacking-tool"] = 5, ["coin-miner"] = 11, ["windows-malware"] = 2, ["malicious-npm-package"] = 6 },
            ShareOfHarmful: new Dictionary<string, double> { ["hacking-tool"] = 0.2, ["coin-miner"] = 0.44, ["windows-malware"] = 0.08, ["malicious-npm-package"] = 0.24 }),
        TopVulnerablePackages:
        [
            new PackageImageCount("Debian", "openssl", 90, 40),
            new PackageImageCount("Debian", "zlib1g", 70, 30),
            new PackageImageCount("npm", "lodash", 35, 0),
            new PackageImageCount("Alpine", "busybox", 20, 5),
            new PackageImageCount("PyPI", "urllib3", 12, 0),
        ],
        CommonBases:
        [
            new BaseImageCount("debian 12", 110),
            new BaseImageCount("alpine 3.19", 60),
            new BaseImageCount("ubuntu 22.04", 25),
            new BaseImageCount("unknown", 5),
        ],
        Layers: new LayerReuse(Analysed: 150, Reused: 850));

    /// <summary>Nothing crawled yet: every count and share zero, every list empty.</summary>
    public static PopulationStats Empty() => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        new HarmfulStats(0, 0, new Dictionary<string, int>(), new Dictionary<string, double>()), [], [], new LayerReuse(0, 0));

    /// <summary>The study with <see cref="HostileName"/> as a package, a base and a harmful category.</summary>
    public static PopulationStats Hostile()
    {
        var s = Study();
        return s with
        {
            Harmful = s.Harmful with
            {
                ByCategory = new Dictionary<string, int>(s.Harmful.ByCategory) { [HostileName] = 1 },
                ShareOfHarmful = new Dictionary<string, double>(s.Harmful.ShareOfHarmful) { [HostileName] = 0.04 },
            },
            TopVulnerablePackages = [.. s.TopVulnerablePackages, new PackageImageCount("npm", HostileName, 3, 1)],
            CommonBases = [.. s.CommonBases, new BaseImageCount(HostileName, 1)],
        };
    }

    /// <summary>Writes <paramref name="stats"/> with <paramref name="writer"/> into a string.</summary>
    public static async Task<string> WriteAsync(Drydock.Population.Reports.IPopulationReportWriter writer, PopulationStats stats)
    {
        var output = new StringWriter();
        await writer.WriteAsync(stats, output, CancellationToken.None);
        return output.ToString();
    }
}
