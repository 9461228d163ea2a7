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
        // One pass over the entries: the best CVSS vector of the vendors and of NVD, and the first vendor word of each.
        Best vendorCvss = default, nvdCvss = default;
        (string Band, string Source)? vendorRating = null;
        string? nvdRating = null;
        foreach (var advisory in advisories)
        {
            foreach (var e in advisory.Severities)
            {
                var nvd = IsNvd(e.Source);
                if (nvd)
                {
                    nvdCvss.Consider(e);
                    nvdRating ??= SeverityBands.OfVendorRating(e.Rating);
                }
                else
                {
                    vendorCvss.Consider(e);
                    if (vendorRating is null && SeverityBands.OfVendorRating(e.Rating) is { } band)
                    {
                        vendorRating = (band, e.Source);
                    }
                }
            }
        }

        if (vendorRating is { } rating)
        {
            var best = vendorCvss.Found ? vendorCvss : nvdCvss;
            return best.Found ? new Choice(rating.Band, rating.Source, best.Score, best.Vector) : new Choice(rating.Band, rating.Source, null, null);
        }

        if (vendorCvss.Found)
        {
            return new Choice(SeverityBands.OfScore(vendorCvss.Score), "cvss", vendorCvss.Score, vendorCvss.Vector);
        }

        if (nvdCvss.Found)
        {
            return new Choice(SeverityBands.OfScore(nvdCvss.Score), "nvd", nvdCvss.Score, nvdCvss.Vector);
        }

        return nvdRating is { } nvdBand ? new Choice(nvdBand, "nvd", null, null) : new Choice("unknown", "none", null, null);
    }

    private static bool IsNvd(string source) => source.Equals("nvd", StringComparison.OrdinalIgnoreCase);

    // The best CVSS vector seen so far: the newest CVSS version wins, the first of a version stays.
    private struct Best
    {
        public bool Found;
        public double Score;
        public string? Vector;
        private int _rank;

        public void Consider(SeverityEntry entry)
        {
            // Databases carry the score computed at build time; entries made elsewhere are scored here.
            var scored = entry.CvssScore is null && entry.CvssVector is not null ? entry.Scored() : entry;
            if (scored is not { CvssScore: { } score, CvssVersion: { } version, CvssVector: { } text })
            {
                return;
            }

            var rank = version switch { CvssVersion.V4_0 => 4, CvssVersion.V3_1 => 3, CvssVersion.V3_0 => 2, _ => 1 };
            if (!Found || rank > _rank)
            {
                (Found, Score, Vector, _rank) = (true, score, text, rank);
            }
        }
    }
}
