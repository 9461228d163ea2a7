namespace Drydock.Advisories.Builders;

/// <summary>What a build read and wrote.</summary>
/// <param name="OutputPath">The database written.</param>
/// <param name="FilesRead">Files looked at.</param>
/// <param name="FilesByFormat">Recognised files per <see cref="SourceFormats"/> name.</param>
/// <param name="FilesUnrecognised">Files whose content matched no format (READMEs, licences, RustSec Markdown); not an error.</param>
/// <param name="AdvisoriesBySource">Advisory records written per source (derived alias records not counted).</param>
/// <param name="AffectedEntries">Affected-package entries written.</param>
/// <param name="KevEntries">KEV entries written.</param>
/// <param name="EpssScores">EPSS scores written.</param>
/// <param name="ProblemCount">Malformed records or files skipped.</param>
/// <param name="Problems">The first problems, as "file: message".</param>
public sealed record AdvisoryBuildReport(
    string OutputPath,
    int FilesRead,
    IReadOnlyDictionary<string, long> FilesByFormat,
    int FilesUnrecognised,
    IReadOnlyDictionary<string, long> AdvisoriesBySource,
    long AffectedEntries,
    long KevEntries,
    long EpssScores,
    long ProblemCount,
    IReadOnlyList<string> Problems);
