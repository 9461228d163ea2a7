namespace Drydock.Advisories;

/// <summary>A severity as one source states it.</summary>
/// <param name="Source">Who rated it: an <see cref="AdvisorySources"/> name, or for NVD metrics from a CNA the CNA's own source name.</param>
/// <param name="Rating">The vendor's word as given ("high", "important", "unimportant", "CRITICAL"), when there is one.</param>
/// <param name="CvssVector">A CVSS vector as given ("CVSS:3.1/AV:N/…"; CVSS v2 vectors have no prefix), when there is one.</param>
public sealed record SeverityEntry(string Source, string? Rating, string? CvssVector);
