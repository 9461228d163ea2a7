namespace Drydock.Advisories;

/// <summary>A FIRST EPSS score: the probability of exploitation in the next 30 days, and its percentile.</summary>
/// <param name="Cve">The CVE id.</param>
/// <param name="Score">The probability, 0 to 1.</param>
/// <param name="Percentile">The percentile among all scored CVEs, 0 to 1.</param>
public sealed record EpssScore(string Cve, double Score, double Percentile);
