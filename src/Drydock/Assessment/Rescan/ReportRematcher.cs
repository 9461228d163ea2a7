using Drydock.Detection.Vulnerabilities;
using Drydock.Reporting;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment.Rescan;

/// <summary>Matches a stored report's inventory against an advisory database again, without the image: the same path as
/// <c>drydock scan sbom:FILE</c> (<see cref="VulnerabilityReportBuilder"/> over the report's packages), then the hardened
/// base's marks put back and the findings compared with the stored ones; when the scan ran the malware scanner, its
/// malicious-package detector runs again too (<see cref="MalwareRematcher"/>). Everything else in the report stays as stored.</summary>
public static class ReportRematcher
{
    private const string NoAdvisoryDatabase = "no-advisory-database";
    private const string UnparsableVersion = "unparsable-version";
    private const string OsPackagesNotMatched = VulnerabilityMatcher.OsPackagesNotMatched;

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
        var at = stored.Warnings.FindIndex(w => w.Code is UnparsableVersion or NoAdvisoryDatabase or OsPackagesNotMatched);
        var kept = stored.Warnings.Where(w => w.Code is not (UnparsableVersion or NoAdvisoryDatabase or OsPackagesNotMatched)).ToList();
        at = at < 0 ? kept.Count : at;
        var baseline = stored with { Vulnerabilities = [], SuppressedVulnerabilities = [], Warnings = [] };
        var matched = VulnerabilityReportBuilder.Add(baseline, matcher, (filter ?? new VulnerabilityFilter()) with { ExcludeMalicious = malwareRan });
        matched = matched with { Warnings = [.. kept.Take(at), .. matched.Warnings, .. kept.Skip(at)] };

        // A scan that hid the base's findings (--ignore-base hid some) keeps them hidden.
        var baseLayers = BaseLayers(stored);
        var hideBase = baseLayers.Count > 0 && stored.Base!.HiddenFindings > 0;
        if (baseLayers.Count > 0)
        {
            List<VulnerabilityReport> Mark(List<VulnerabilityReport> findings)
                => [.. findings.Select(v => v with { FromBase = v.Layer is { } l && baseLayers.Contains(l) }).Where(v => !(hideBase && v.FromBase))];
            matched = matched with
            {
                Vulnerabilities = Mark(matched.Vulnerabilities),
                SuppressedVulnerabilities = Mark(matched.SuppressedVulnerabilities),
            };
        }

        // The scan's malware step matched the packages against the MAL- records too: so does the rescan.
        MalwareDiff? malware = null;
        if (malwareRan)
        {
            (matched, malware) = MalwareRematcher.Rematch(matched, matcher.Advisories, baseLayers, hideBase);
        }

        return new RematchResult(matched, FindingsDiffer.Compare(stored.Vulnerabilities, matched.Vulnerabilities), Matched: true) { Malware = malware };
    }

    private static HashSet<string> BaseLayers(ScanReport report)
        => report.Base is { DetectedBy: "layers", Layers: > 0 and var count }
            ? report.Artifact.Layers.Take(count).Select(l => l.DiffId).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
}
