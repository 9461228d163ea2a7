using Drydock.References;
using Drydock.Sources;

namespace Drydock.Crawl;

/// <summary>How a crawl selects tags and platforms and how hard it works a registry.</summary>
public sealed record CrawlOptions
{
    /// <summary>Only these tags (exact names); null: every tag.</summary>
    public IReadOnlySet<string>? Tags { get; init; }

    /// <summary>Only tags matching this glob (<c>*</c> and <c>?</c>); null: every tag.</summary>
    public string? TagsMatching { get; init; }

    /// <summary>At most this many tags per repository, the newest by <see cref="TagOrder"/>; null: all.</summary>
    public int? MaxTags { get; init; }

    /// <summary>Scan every platform of a multi-platform image (<c>--platform all</c>); otherwise <see cref="SourceOptions.Platform"/>
    /// (default linux/amd64, else the host's) is picked from each index.</summary>
    public bool AllPlatforms { get; init; }

    /// <summary>Images scanned at once.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Images scanned at once from one registry (at most <see cref="Parallelism"/>).</summary>
    public int PerRegistryConcurrency { get; init; } = int.MaxValue;

    /// <summary>Manifest requests per second per registry; null: unlimited.</summary>
    public double? Rate { get; init; }

    /// <summary>Ask every known tag again (a HEAD each) and follow the tags that moved (<c>--refresh</c>).</summary>
    public bool Refresh { get; init; }

    /// <summary>Queue the digests an earlier run gave up on again.</summary>
    public bool RetryFailed { get; init; }

    /// <summary>Only discover: resolve tags and fill the frontier, scan nothing (the workers of a cluster drain it, docs/scale.md).</summary>
    public bool DiscoverOnly { get; init; }

    /// <summary>Registry access: the platform, credentials, insecure hosts, timeouts and retries (429 and Retry-After are honoured there).</summary>
    public SourceOptions Source { get; init; } = new();

    /// <summary>The requested platform, for messages.</summary>
    public string PlatformText => AllPlatforms ? "all" : Source.Platform?.ToString() ?? Platform.LinuxAmd64.ToString();
}
