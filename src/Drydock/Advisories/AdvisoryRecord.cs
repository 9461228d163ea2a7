namespace Drydock.Advisories;

/// <summary>One advisory as one source tells it (a CVE can have several, one per source; <see cref="AdvisoryStore.GetAdvisory"/> merges them).</summary>
/// <param name="Id">The advisory's own id (PYSEC-…, GO-…, GHSA-…, MAL-…, DSA-…, CVE-…).</param>
/// <param name="Source">The database it came from: one of <see cref="AdvisorySources"/>.</param>
/// <param name="Aliases">Other ids for the same issue (CVEs of a DSA, the DSA of a CVE, GHSA of a PYSEC), never <paramref name="Id"/> itself.</param>
/// <param name="Title">The summary, when the source gives one.</param>
/// <param name="Published">When it was published, when known.</param>
/// <param name="Modified">When it was last changed, when known.</param>
/// <param name="Withdrawn">True when the source withdrew or rejected it: matchers must not report it.</param>
/// <param name="Severities">Per-source severity words and CVSS vectors.</param>
/// <param name="References">Reference URLs.</param>
public sealed record AdvisoryRecord(
    string Id,
    string Source,
    IReadOnlyList<string> Aliases,
    string? Title,
    DateTimeOffset? Published,
    DateTimeOffset? Modified,
    bool Withdrawn,
    IReadOnlyList<SeverityEntry> Severities,
    IReadOnlyList<string> References);
