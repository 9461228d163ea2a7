using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment.Rescan;

/// <summary>How an image's vulnerability findings changed between two matches, per package, in a stable order
/// (packages by purl then path, ids ordinally).</summary>
public sealed record FindingsDiff
{
    /// <summary>The packages whose findings changed; empty when nothing did.</summary>
    public List<PackageFindingsChange> Packages { get; init; } = [];

    /// <summary>True when no finding was added, removed or changed.</summary>
    public bool IsEmpty => Packages.Count == 0;

    /// <summary>Findings added over every package.</summary>
    public int Added => Packages.Sum(p => p.Added.Count);

    /// <summary>Findings removed over every package.</summary>
    public int Removed => Packages.Sum(p => p.Removed.Count);

    /// <summary>Findings whose severity or status changed over every package.</summary>
    public int Changed => Packages.Sum(p => p.SeverityChanged.Count + p.StatusChanged.Count);
}

/// <summary>The changed findings of one package: ids added, removed, and those whose severity or status (a fix
/// published, say) changed.</summary>
public sealed record PackageFindingsChange
{
    public required PackageRef Package { get; init; }
    public List<string> Added { get; init; } = [];
    public List<string> Removed { get; init; } = [];
    public List<FindingChange> SeverityChanged { get; init; } = [];
    public List<FindingChange> StatusChanged { get; init; } = [];
}

/// <summary>One finding's value before and after (a severity, or a status such as <c>unfixed</c> → <c>fixed</c>).</summary>
public sealed record FindingChange(string Id, string From, string To);
