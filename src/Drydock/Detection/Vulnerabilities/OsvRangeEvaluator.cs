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

        // Walking the events in version order, each event that applies to the version sets the state (introduced: affected;
        // fixed, last_affected, limit: not), so the state is that of the greatest applicable event; among equal versions the
        // later event in the record wins, as a stable sort would order them. One pass: no list, no sort.
        var found = false;
        IVersion? greatest = null;
        var greatestIntroduces = false;
        for (var i = 0; i < range.Events.Count; i++)
        {
            var e = range.Events[i];
            IVersion? at;
            if (e.Kind == "introduced" && e.Version == "0")
            {
                at = null; // before every version
            }
            else if (!comparer.TryParse(Normalise(e.Version, comparer.Scheme), out var parsed))
            {
                continue; // a version the scheme cannot parse says nothing
            }
            else
            {
                at = parsed;
            }

            var applies = e.Kind switch
            {
                "introduced" => at is null || comparer.Compare(version, at) >= 0,
                "fixed" or "limit" => at is not null && comparer.Compare(version, at) >= 0,
                "last_affected" => at is not null && comparer.Compare(version, at) > 0,
                _ => false,
            };
            if (applies && (!found || Order(at, greatest, comparer) >= 0))
            {
                found = true;
                greatest = at;
                greatestIntroduces = e.Kind == "introduced";
            }
        }

        return found && greatestIntroduces;
    }

    // Event versions in order, "introduced: 0" (null) first.
    private static int Order(IVersion? a, IVersion? b, IVersionComparer comparer)
        => a is null ? (b is null ? 0 : -1) : b is null ? 1 : comparer.Compare(a, b);

    /// <summary>Go module versions carry a leading v; OSV Go ranges do not.</summary>
    public static string Normalise(string version, VersionScheme scheme)
        => scheme == VersionScheme.Go && version.Length > 0 && version[0] != 'v' ? "v" + version : version;
}
