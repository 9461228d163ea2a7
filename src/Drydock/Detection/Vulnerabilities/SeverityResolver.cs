using Drydock.Advisories;
using Drydock.Advisories.Cvss;

namespace Drydock.Detection.Vulnerabilities;

/// <summary>Picks one severity for a vulnerability: the vendor's own rating first (distro, GHSA), then the best CVSS
/// vector (v4.0, v3.1, v3.0, v2, scored here from the vector), then NVD's.</summary>
public static class SeverityResolver
{
    /// <summary>The chosen band, its source, and the CVSS score and vector shown beside it.</summary>
    public readonly record struct Choice(string Band, string Source, double? Score, string? Vector);

    /// <summary>Resolves the severity from every record known for the vulnerability.</summary>
    public static Choice Resolve(IReadOnlyList<AdvisoryRecord> advisories)
    {
        var entries = advisories.SelectMany(a => a.Severities).ToList();
        var best = BestCvss(entries.Where(e => !IsNvd(e.Source))) ?? BestCvss(entries.Where(e => IsNvd(e.Source)));
        foreach (var e in entries.Where(e => !IsNvd(e.Source)))
        {
            if (SeverityBands.OfVendorRating(e.Rating) is { } band)
            {
                return new Choice(band, e.Source, best?.Score, best?.Vector);
            }
        }

        if (BestCvss(entries.Where(e => !IsNvd(e.Source))) is { } vendorCvss)
        {
            return new Choice(SeverityBands.OfScore(vendorCvss.Score), "cvss", vendorCvss.Score, vendorCvss.Vector);
        }

        if (BestCvss(entries.Where(e => IsNvd(e.Source))) is { } nvd)
        {
            return new Choice(SeverityBands.OfScore(nvd.Score), "nvd", nvd.Score, nvd.Vector);
        }

        foreach (var e in entries.Where(e => IsNvd(e.Source)))
        {
            if (SeverityBands.OfVendorRating(e.Rating) is { } band)
            {
                return new Choice(band, "nvd", null, null);
            }
        }

        return new Choice("unknown", "none", null, null);
    }

    private static bool IsNvd(string source) => source.Equals("nvd", StringComparison.OrdinalIgnoreCase);

    private static (double Score, string Vector)? BestCvss(IEnumerable<SeverityEntry> entries)
    {
        (double Score, string Vector, int Rank)? best = null;
        foreach (var e in entries)
        {
            // Databases carry the score computed at build time; entries made elsewhere are scored here.
            var scored = e.CvssScore is null && e.CvssVector is not null ? e.Scored() : e;
            if (scored is not { CvssScore: { } score, CvssVersion: { } version, CvssVector: { } text })
            {
                continue;
            }

            var rank = version switch { CvssVersion.V4_0 => 4, CvssVersion.V3_1 => 3, CvssVersion.V3_0 => 2, _ => 1 };
            if (best is null || rank > best.Value.Rank)
            {
                best = (score, text, rank);
            }
        }

        return best is { } b ? (b.Score, b.Vector) : null;
    }
}
