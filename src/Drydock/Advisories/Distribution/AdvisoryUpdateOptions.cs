namespace Drydock.Advisories.Distribution;

/// <summary>Limits and timeouts for <c>db update</c>; the defaults suit the public feeds (OSV's largest export inflates to a few GiB).</summary>
public sealed record AdvisoryUpdateOptions
{
    /// <summary>Largest download per feed (default 2 GiB).</summary>
    public long MaxFeedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most entries in a zip feed (default 2,000,000).</summary>
    public int MaxZipEntries { get; init; } = 2_000_000;

    /// <summary>Largest single zip entry after inflation (default 256 MiB).</summary>
    public long MaxZipEntryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Largest total inflated size of one zip feed (default 16 GiB).</summary>
    public long MaxZipTotalBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>How long a server may take to answer, or stay silent mid-body (default 60 s).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Feeds fetched at once (default 4).</summary>
    public int MaxParallelDownloads { get; init; } = 4;
}
