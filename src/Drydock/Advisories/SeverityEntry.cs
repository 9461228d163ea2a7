using Drydock.Advisories.Cvss;

namespace Drydock.Advisories;

/// <summary>A severity as one source states it.</summary>
/// <param name="Source">Who rated it: an <see cref="AdvisorySources"/> name, or for NVD metrics from a CNA the CNA's own source name.</param>
/// <param name="Rating">The vendor's word as given ("high", "important", "unimportant", "CRITICAL"), when there is one.</param>
/// <param name="CvssVector">A CVSS vector as given ("CVSS:3.1/AV:N/…"; CVSS v2 vectors have no prefix), when there is one.</param>
public sealed record SeverityEntry(string Source, string? Rating, string? CvssVector)
{
    /// <summary>The vector's base score, computed once by <c>drydock db build</c>; null when there is no valid vector (or the
    /// entry was not read from a database).</summary>
    public double? CvssScore { get; init; }

    /// <summary>The vector's CVSS version, set with <see cref="CvssScore"/>.</summary>
    public CvssVersion? CvssVersion { get; init; }

    /// <summary>This entry with <see cref="CvssScore"/> and <see cref="CvssVersion"/> computed from the vector (unchanged when it
    /// has no valid vector).</summary>
    public SeverityEntry Scored()
        => CvssVector is not null && Cvss.CvssVector.TryParse(CvssVector, out var vector)
            ? this with { CvssScore = vector.BaseScore, CvssVersion = vector.Version }
            : this;
}
