using Drydock.Reporting;

namespace Drydock.Crawl.Rescan;

/// <summary>An image's vulnerability figures, as its crawl row keeps them: critical and high findings, critical ones with a
/// fix, and the distinct packages (<c>type/name</c>) with any finding; malicious-package records are harmful content, not counted.</summary>
public sealed record FindingCounts(int Critical, int High, int FixableCritical, int VulnerablePackages)
{
    /// <summary>The figures of <paramref name="report"/>.</summary>
    public static FindingCounts Of(ScanReport report)
    {
        var findings = report.Vulnerabilities.Where(v => !v.Malicious).ToList();
        return new(
            findings.Count(v => v.Severity == "critical"),
            findings.Count(v => v.Severity == "high"),
            findings.Count(v => v.Severity == "critical" && v.FixedVersions.Count > 0),
            findings.Select(v => $"{v.Package.Type}/{v.Package.Name}").Distinct(StringComparer.Ordinal).Count());
    }
}
