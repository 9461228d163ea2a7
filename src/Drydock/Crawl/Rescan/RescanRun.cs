namespace Drydock.Crawl.Rescan;

/// <summary>What a rescan of the crawl store did: images read, rows rewritten, images whose findings changed (by digest),
/// images it could not re-match, the webhook deliveries when there was a webhook, and the notifications still pending.</summary>
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

    /// <summary>The webhook deliveries this rescan made, oldest notification first: this run's changes and those earlier
    /// rescans left pending; null without a webhook.</summary>
    public List<WebhookDelivery>? Deliveries { get; init; }

    /// <summary>Webhook notifications still in the outbox after this rescan (undelivered, kept for the next rescan with a webhook).</summary>
    public int Pending { get; init; }
}

/// <summary>A stored image the rescan could not re-match, and why (one line).</summary>
public sealed record RescanFailure(string Digest, string Reason);
