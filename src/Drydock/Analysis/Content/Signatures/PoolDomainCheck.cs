namespace Drydock.Analysis.Content.Signatures;

/// <summary>Tells a reference to a mining pool from a list of many pools (a DNS blocklist, an ad blocker's filter):
/// a file naming six or more different pool domains is reported with low confidence.</summary>
public static class PoolDomainCheck
{
    private const int ListThreshold = 6;

    /// <summary>The <see cref="FileCheck"/> of the pool-domain rule.</summary>
    public static CheckResult? Check(ReadOnlySpan<byte> content, RuleMatch match)
    {
        var distinct = match.Matches.Select(m => m.Anchor.Text.ToLowerInvariant()).Distinct().Count();
        return distinct >= ListThreshold
            ? new CheckResult(Confidence.Low, $"List of {distinct} mining pool domains (a blocklist, or a miner's pool list)")
            : CheckResult.Accept;
    }
}
