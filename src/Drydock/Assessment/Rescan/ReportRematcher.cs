using Drydock.Detection.Vulnerabilities;
using Drydock.Reporting;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment.Rescan;

/// <summary>Matches a stored report's inventory against an advisory database again, without the image: the same path as
/// <c>drydock scan sbom:FILE</c> (<see cref="VulnerabilityReportBuilder"/> over the report's packages), then the hardened
/// base's marks put back and the findings compared with the stored ones. Everything else in the report stays as stored.</summary>
public static class ReportRematcher
{
    /// <summary>The warning code that replaces <c>no-advisory-database</c> when a rescan has matched the vulnerabilities
    /// but the scan's malware step had gone without the OSV malicious-package records.</summary>
    public const string MaliciousRecordsNotMatched = "malicious-records-not-matched";

    private const string NoAdvisoryDatabase = "no-advisory-database";
    private const string UnparsableVersion = "unparsable-version";

    /// <summary>The report re-matched with <paramref name="matcher"/>, and the difference from its stored findings;
    /// <paramref name="filter"/> is what the user chose to see (default: every finding, as a crawl stores them).</summary>
    public static RematchResult Rematch(ScanReport stored, VulnerabilityMatcher matcher, VulnerabilityFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(matcher);
        if (!stored.Scanners.Contains("vuln"))
        {
            return new RematchResult(stored, new FindingsDiff(), Matched: false);
        }

        var malwareRan = stored.Scanners.Contains("malware");

        // The warnings of the previous match go and the new match's take their place: the matcher says again what it could
        // not read, and a database is here now. The same database twice gives the same report, byte for byte.
        var at = stored.Warnings.FindIndex(w => w.Code is UnparsableVersion or NoAdvisoryDatabase);
        var kept = stored.Warnings.Where(w => w.Code is not (UnparsableVersion or NoAdvisoryDatabase)).ToList();
        at = at < 0 ? kept.Count : at;
        var baseline = stored with { Vulnerabilities = [], SuppressedVulnerabilities = [], Warnings = [] };
        var matched = VulnerabilityReportBuilder.Add(baseline, matcher, (filter ?? new VulnerabilityFilter()) with { ExcludeMalicious = malwareRan });
        List<Diagnostic> fromMatch = malwareRan && stored.Warnings.Any(w => w.Code == NoAdvisoryDatabase)
            ? [new Diagnostic(MaliciousRecordsNotMatched, "the scan had no advisory database: packages were not matched against OSV malicious-package (MAL-) records (a rescan re-matches vulnerabilities only)"), .. matched.Warnings]
            : matched.Warnings;
        matched = matched with { Warnings = [.. kept.Take(at), .. fromMatch, .. kept.Skip(at)] };

        // A scan that hid the base's findings (--ignore-base hid some) keeps them hidden.
        var baseLayers = BaseLayers(stored);
        if (baseLayers.Count > 0)
        {
            var hideBase = stored.Base!.HiddenFindings > 0;
            List<VulnerabilityReport> Mark(List<VulnerabilityReport> findings)
                => [.. findings.Select(v => v with { FromBase = v.Layer is { } l && baseLayers.Contains(l) }).Where(v => !(hideBase && v.FromBase))];
            matched = matched with
            {
                Vulnerabilities = Mark(matched.Vulnerabilities),
                SuppressedVulnerabilities = Mark(matched.SuppressedVulnerabilities),
            };
        }

        return new RematchResult(matched, FindingsDiffer.Compare(stored.Vulnerabilities, matched.Vulnerabilities), Matched: true);
    }

    private static HashSet<string> BaseLayers(ScanReport report)
        => report.Base is { DetectedBy: "layers", Layers: > 0 and var count }
            ? report.Artifact.Layers.Take(count).Select(l => l.DiffId).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
}
