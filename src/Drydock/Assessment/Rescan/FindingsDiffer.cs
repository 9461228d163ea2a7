using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment.Rescan;

/// <summary>Compares two lists of vulnerability findings of one image: a finding is its package (purl and path) and its id.</summary>
public static class FindingsDiffer
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static FindingsDiff Compare(IReadOnlyList<VulnerabilityReport> before, IReadOnlyList<VulnerabilityReport> after)
    {
        var old = Index(before);
        var current = Index(after);
        var packages = new List<PackageFindingsChange>();
        foreach (var key in old.Keys.Union(current.Keys).Order(PackageKeyComparer.Instance))
        {
            var was = old.GetValueOrDefault(key);
            var now = current.GetValueOrDefault(key);
            var added = now is null ? [] : now.Keys.Where(id => was is null || !was.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            var removed = was is null ? [] : was.Keys.Where(id => now is null || !now.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            var kept = was is null || now is null ? [] : was.Keys.Where(now.ContainsKey).Order(StringComparer.Ordinal).ToList();
            var severity = kept.Where(id => was![id].Severity != now![id].Severity)
                .Select(id => new FindingChange(id, was![id].Severity, now![id].Severity)).ToList();
            var status = kept.Where(id => was![id].Status != now![id].Status)
                .Select(id => new FindingChange(id, was![id].Status, now![id].Status)).ToList();
            if (added.Count + removed.Count + severity.Count + status.Count > 0)
            {
                var package = (now ?? was)!.Values.First().Package;
                packages.Add(new PackageFindingsChange { Package = package, Added = added, Removed = removed, SeverityChanged = severity, StatusChanged = status });
            }
        }

        return new FindingsDiff { Packages = packages };
    }

    // Findings by package (purl, path), then by id; a repeated (package, id) keeps its first entry.
    private static Dictionary<(string Purl, string Path), Dictionary<string, VulnerabilityReport>> Index(IReadOnlyList<VulnerabilityReport> findings)
    {
        var index = new Dictionary<(string, string), Dictionary<string, VulnerabilityReport>>();
        foreach (var finding in findings)
        {
            var key = (finding.Package.Purl, finding.Package.Path);
            if (!index.TryGetValue(key, out var ids))
            {
                index[key] = ids = new Dictionary<string, VulnerabilityReport>(StringComparer.Ordinal);
            }

            ids.TryAdd(finding.Id, finding);
        }

        return index;
    }

    private sealed class PackageKeyComparer : IComparer<(string Purl, string Path)>
    {
        public static readonly PackageKeyComparer Instance = new();

        public int Compare((string Purl, string Path) x, (string Purl, string Path) y)
            => string.CompareOrdinal(x.Purl, y.Purl) is var c && c != 0 ? c : string.CompareOrdinal(x.Path, y.Path);
    }
}
