using Drydock.Advisories;
using Drydock.Versions;

namespace Drydock.Detection.Vulnerabilities;

/// <summary>Whether an installed version is one an advisory's affected entry names, by the ecosystem's exact rules;
/// shared by the vulnerability matcher and the malicious-package detector.</summary>
public static class AffectedVersions
{
    /// <summary>True when <paramref name="installed"/> (spelled <paramref name="spelled"/> as the package writes it) is among the
    /// versions <paramref name="affected"/> names: inside one of its ranges, in its list, or below its fixed version.</summary>
    public static bool Contains(AffectedPackage affected, string spelled, IVersion installed, IVersionComparer comparer)
    {
        // Ranges first: a few events, where a versions list can hold hundreds of entries (PyPA lists every release). Ranges
        // read from the database are tested on their stored bytes.
        if (affected.Ranges is EncodedRangeList stored)
        {
            if (OsvRangeEvaluator.ContainsAny(stored, installed, comparer))
            {
                return true;
            }
        }
        else
        {
            for (var i = 0; i < affected.Ranges.Count; i++)
            {
                if (OsvRangeEvaluator.Contains(affected.Ranges[i], installed, comparer))
                {
                    return true;
                }
            }
        }

        if (affected.Versions is EncodedVersionList encoded ? encoded.ContainsSpelling(spelled) : affected.Versions.Contains(spelled, StringComparer.Ordinal))
        {
            return true;
        }

        if (affected.Ranges.Count > 0)
        {
            return false;
        }

        // Only an explicit list (malicious-package records): equal by the ecosystem's rules, not just by spelling.
        foreach (var listed in affected.Versions)
        {
            if (comparer.TryParse(OsvRangeEvaluator.Normalise(listed, comparer.Scheme), out var v) && comparer.Compare(v, installed) == 0)
            {
                return true;
            }
        }

        if (affected.Versions.Count > 0)
        {
            return false;
        }

        // Distro trackers without ranges: a fixed version (affected below it), or no fix at all.
        return affected.Status switch
        {
            AdvisoryStatus.Fixed => affected.FixedVersions.Any(f => comparer.TryParse(f, out var fixedIn) && comparer.Compare(installed, fixedIn) < 0),
            AdvisoryStatus.Unfixed or AdvisoryStatus.WillNotFix or AdvisoryStatus.EndOfLife or AdvisoryStatus.Affected => true,
            _ => false,
        };
    }
}
