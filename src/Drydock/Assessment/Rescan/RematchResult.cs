using Drydock.Reporting;

namespace Drydock.Assessment.Rescan;

/// <summary>A stored report matched again: the report with its new findings, and what changed. <see cref="Matched"/> is
/// false when the report's scan did not run the vulnerability scanner (the report is then returned as it was).</summary>
public sealed record RematchResult(ScanReport Report, FindingsDiff Diff, bool Matched);
