namespace Drydock.Population;

/// <summary>The figures over a crawled population of images (one image = one distinct manifest digest).</summary>
/// <param name="Images">Distinct manifests scanned successfully.</param>
/// <param name="Repositories">Distinct repositories that point at a scanned manifest.</param>
/// <param name="Tags">Distinct (repository, tag) pairs that point at a scanned manifest.</param>
/// <param name="Failed">Manifests that could not be scanned (not counted in <paramref name="Images"/>).</param>
/// <param name="WithCritical">Images with at least one critical vulnerability.</param>
/// <param name="WithCriticalShare">WithCritical / Images (0 when there are no images).</param>
/// <param name="WithHigh">Images with at least one high or critical vulnerability.</param>
/// <param name="WithHighShare">WithHigh / Images.</param>
/// <param name="WithFixableCritical">Images with at least one critical vulnerability that has a fixed version.</param>
/// <param name="WithFixableCriticalShare">WithFixableCritical / Images.</param>
/// <param name="Harmful">Images judged malicious, by threat category.</param>
/// <param name="TopVulnerablePackages">Packages carrying critical or high vulnerabilities, by the number of images that carry them.</param>
/// <param name="CommonBases">The operating systems (distro and version) the images are built on, most common first.</param>
/// <param name="Layers">How often a layer's analysis was reused rather than computed.</param>
public sealed record PopulationStats(
    int Images,
    int Repositories,
    int Tags,
    int Failed,
    int WithCritical,
    double WithCriticalShare,
    int WithHigh,
    double WithHighShare,
    int WithFixableCritical,
    double WithFixableCriticalShare,
    HarmfulStats Harmful,
    IReadOnlyList<PackageImageCount> TopVulnerablePackages,
    IReadOnlyList<BaseImageCount> CommonBases,
    LayerReuse Layers);

/// <summary>Harmful (malicious-verdict) images: the total and the count per threat category (e.g. <c>coin-miner</c>).</summary>
/// <param name="Total">Images with a malicious verdict.</param>
/// <param name="Share">Total / Images.</param>
/// <param name="ByCategory">Images per category; an image counts once under each category it shows, so the counts may sum to more than Total.</param>
/// <param name="ShareOfHarmful">Per category, its count / Total (the study's table).</param>
public sealed record HarmfulStats(int Total, double Share, IReadOnlyDictionary<string, int> ByCategory, IReadOnlyDictionary<string, double> ShareOfHarmful);

/// <summary>A package (ecosystem name and package name) and the number of images carrying it with a critical or high vulnerability.</summary>
public sealed record PackageImageCount(string Ecosystem, string Name, int Images, int Critical);

/// <summary>An operating system the images are built on (e.g. <c>debian 12</c>, or <c>unknown</c>) and the number of images on it.</summary>
public sealed record BaseImageCount(string Name, int Images);

/// <summary>Layer analyses computed versus served from the layer cache over the crawl; <see cref="ReuseRatio"/> = reused / (analysed + reused).</summary>
public sealed record LayerReuse(long Analysed, long Reused)
{
    /// <summary>The share of layer lookups served from the cache (0 when there were none).</summary>
    public double ReuseRatio => Analysed + Reused == 0 ? 0 : (double)Reused / (Analysed + Reused);
}
