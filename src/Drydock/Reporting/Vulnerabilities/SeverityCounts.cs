namespace Drydock.Reporting.Vulnerabilities;

/// <summary>"2 critical, 5 high, …" summaries of findings.</summary>
public static class SeverityCounts
{
    /// <summary>Severities from least to most severe.</summary>
    public static readonly string[] Order = ["unknown", "low", "medium", "high", "critical"];

    /// <summary>The counts per severity, worst first, zero counts left out ("none" when empty).</summary>
    public static string Of(IEnumerable<VulnerabilityReport> findings)
    {
        var counts = findings.GroupBy(f => f.Severity).ToDictionary(g => g.Key, g => g.Count());
        var parts = Order.Reverse().Where(counts.ContainsKey).Select(s => $"{counts[s]} {s}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
