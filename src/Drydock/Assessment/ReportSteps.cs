using Drydock.Advisories;
using Drydock.Analysis;
using Drydock.Catalog;
using Drydock.Reporting;
using Drydock.Reporting.Base;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment;

/// <summary>What turns a scan result into the full report: the scanners chosen, the advisory database, the vulnerability
/// filter and the hardened base catalog.</summary>
public sealed record ReportSteps
{
    /// <summary>The scanners that run besides the inventory.</summary>
    public required Scanners Scanners { get; init; }

    /// <summary>The open advisory database, or null when there is none.</summary>
    public AdvisoryStore? Advisories { get; init; }

    /// <summary>The warning that says what could not be checked without an advisory database.</summary>
    public Diagnostic? AdvisoriesMissing { get; init; }

    /// <summary>Which vulnerabilities are shown.</summary>
    public VulnerabilityFilter Filter { get; init; } = new();

    /// <summary>The hardened base catalog, or null when there is none (annotations are then reported unchecked).</summary>
    public IBaseCatalogStore? Catalog { get; init; }

    /// <summary>Set by a policy gate to where the catalog was looked for: a missing or empty catalog is then recorded as the
    /// warning <see cref="BaseReportBuilder.NoCatalogWarning"/>, so the base rule can tell it from "not on a base".</summary>
    public string? NoteMissingCatalogIn { get; init; }

    /// <summary>Leave out the findings that come from the base's layers.</summary>
    public bool IgnoreBase { get; init; }
}
