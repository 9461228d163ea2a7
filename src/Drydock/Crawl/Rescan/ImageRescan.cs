using Drydock.Assessment.Rescan;

namespace Drydock.Crawl.Rescan;

/// <summary>One stored image whose findings a rescan changed: which image (every repository:tag pointing at it), its
/// figures before and after, and the findings added, removed or changed per package. The webhook receives it as it is.</summary>
public sealed record ImageRescan
{
    /// <summary>The value of <see cref="Event"/>.</summary>
    public const string ChangedEvent = "drydock.rescan.changed";

    /// <summary>What happened (for receivers that take several kinds of document).</summary>
    public string Event { get; init; } = ChangedEvent;

    /// <summary>The notification's id: unique per change, the same on every delivery attempt (<c>X-Drydock-Delivery</c>).</summary>
    public string Id { get; init; } = OutboxNotification.NewId();

    /// <summary>The manifest digest of the image.</summary>
    public required string Digest { get; init; }

    /// <summary>The reference the crawl scanned it by.</summary>
    public required string Reference { get; init; }

    public required string Platform { get; init; }

    /// <summary>Every <c>repository:tag</c> the crawl found pointing at the image, ordinally sorted.</summary>
    public List<string> Tags { get; init; } = [];

    /// <summary>When the advisory database matched against was built.</summary>
    public DateTimeOffset AdvisoryDatabaseBuiltAt { get; init; }

    public required FindingCounts Before { get; init; }
    public required FindingCounts After { get; init; }

    /// <summary>Findings added, removed and changed, over every package.</summary>
    public int Added { get; init; }
    public int Removed { get; init; }
    public int Changed { get; init; }

    /// <summary>The changes per package (packages by purl then path, ids ordinally).</summary>
    public List<PackageFindingsChange> Packages { get; init; } = [];

    /// <summary>How the malicious-package findings (OSV <c>MAL-</c> records) and the malware verdict changed; absent when they did not.</summary>
    public MalwareDiff? Malware { get; init; }
}
