namespace Drydock.Crawl.Rescan;

/// <summary>What a rescan of the crawl store did: images read, rows rewritten, images whose findings changed (by digest),
/// images it could not re-match, and the webhook deliveries when there was a webhook.</summary>
public sealed record RescanRun
{
    /// <summary>Stored images read.</summary>
    public int Images { get; init; }

    /// <summary>Rows rewritten (new findings, figures or warnings); a second rescan with the same database rewrites none.</summary>
    public int Updated { get; init; }

    /// <summary>Images whose scan did not run the vulnerability scanner: left as they are.</summary>
    public int Skipped { get; init; }

    /// <summary>When the advisory database was built.</summary>
    public DateTimeOffset AdvisoryDatabaseBuiltAt { get; init; }

    /// <summary>The images whose findings changed, by digest.</summary>
    public List<ImageRescan> Changed { get; init; } = [];

    /// <summary>Stored reports that could not be read back, with the reason; their rows are left as they are.</summary>
    public List<RescanFailure> Failures { get; init; } = [];

    /// <summary>One delivery per changed image when a webhook was given, in the order of <see cref="Changed"/>; null without one.</summary>
    public List<WebhookDelivery>? Deliveries { get; init; }
}

/// <summary>A stored image the rescan could not re-match, and why (one line).</summary>
public sealed record RescanFailure(string Digest, string Reason);
