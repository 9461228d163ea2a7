using Drydock.Detection.Vulnerabilities;

namespace Drydock.Reporting;

/// <summary>What <c>--fail-on SEVERITY</c> judges: the worst severity among the report's vulnerabilities, secrets and
/// misconfigurations (each has a severity on the same unknown/low/medium/high/critical scale). Malware findings carry a
/// confidence, not a severity; <c>--fail-on-malware</c> gates on the verdict instead.</summary>
public static class SeverityGate
{
    /// <summary>The worst severity of the report's findings, or null when it has none.</summary>
    public static string? Worst(ScanReport report)
    {
        var severities = report.Vulnerabilities.Select(v => v.Severity)
            .Concat(report.Secrets.Select(s => s.Severity))
            .Concat(report.Misconfigurations.Select(m => m.Severity))
            .ToList();
        return severities.Count == 0 ? null : severities.MaxBy(SeverityBands.Rank);
    }

    /// <summary>True when a finding of <paramref name="report"/> is at or over <paramref name="threshold"/>.</summary>
    public static bool Fails(ScanReport report, string threshold)
        => Worst(report) is { } worst && SeverityBands.Rank(worst) >= SeverityBands.Rank(threshold);
}
