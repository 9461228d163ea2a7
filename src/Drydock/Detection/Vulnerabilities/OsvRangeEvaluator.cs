using Drydock.Advisories;
using Drydock.Versions;

namespace Drydock.Detection.Vulnerabilities;

/// <summary>Decides whether a version falls in an OSV-style affected range (introduced, fixed, last_affected, limit),
/// with the ecosystem's own version order. A version exactly at <c>fixed</c> is not affected; <c>last_affected</c> is.</summary>
public static class OsvRangeEvaluator
{
    /// <summary>True when <paramref name="version"/> is inside <paramref name="range"/>. GIT ranges never match a package version.</summary>
    public static bool Contains(AffectedRange range, IVersion version, IVersionComparer comparer)
    {
        if (range.Type.Equals("GIT", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var affected = false;
        foreach (var e in Sorted(range.Events, comparer))
        {
            var kind = e.Event.Kind;
            if (kind == "introduced")
            {
                if (e.Version is null || comparer.Compare(version, e.Version) >= 0)
                {
                    affected = true;
                }
            }
            else if (e.Version is not null)
            {
                var cmp = comparer.Compare(version, e.Version);
                if ((kind == "fixed" && cmp >= 0) || (kind == "last_affected" && cmp > 0) || (kind == "limit" && cmp >= 0))
                {
                    affected = false;
                }
            }
        }

        return affected;
    }

    // Events in version order; "introduced: 0" sorts first. Events whose version the scheme cannot parse are dropped.
    private static IEnumerable<(RangeEvent Event, IVersion? Version)> Sorted(IReadOnlyList<RangeEvent> events, IVersionComparer comparer)
    {
        var parsed = new List<(RangeEvent Event, IVersion? Version)>(events.Count);
        foreach (var e in events)
        {
            if (e.Kind == "introduced" && e.Version == "0")
            {
                parsed.Add((e, null));
            }
            else if (comparer.TryParse(Normalise(e.Version, comparer.Scheme), out var v))
            {
                parsed.Add((e, v));
            }
        }

        parsed.Sort((a, b) => a.Version is null ? (b.Version is null ? 0 : -1) : b.Version is null ? 1 : comparer.Compare(a.Version, b.Version));
        return parsed;
    }

    /// <summary>Go module versions carry a leading v; OSV Go ranges do not.</summary>
    public static string Normalise(string version, VersionScheme scheme)
        => scheme == VersionScheme.Go && version.Length > 0 && version[0] != 'v' ? "v" + version : version;
}
