using Drydock.Reporting;

namespace Drydock.Assessment.Rescan;

/// <summary>A stored report matched again: the report with its new findings, and what changed. <see cref="Matched"/> is
/// false when the report's scan did not run the vulnerability scanner (the report is then returned as it was).</summary>
public sealed record RematchResult(ScanReport Report, FindingsDiff Diff, bool Matched)
{
    /// <summary>How the malicious-package findings and the verdict changed; null when they did not (or the malware scanner did not run).</summary>
    public MalwareDiff? Malware { get; init; }

    /// <summary>True when any finding changed.</summary>
    public bool Changed => !Diff.IsEmpty || Malware is not null;
}
