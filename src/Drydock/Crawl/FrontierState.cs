namespace Drydock.Crawl;

/// <summary>The states of a crawl frontier item, as stored.</summary>
public static class FrontierState
{
    /// <summary>Waiting to be scanned (also an item whose scan a crash interrupted).</summary>
    public const string Queued = "queued";

    /// <summary>Scanned; its result is in <c>crawl_images</c>.</summary>
    public const string Done = "done";

    /// <summary>Given up, with the one-line reason.</summary>
    public const string Failed = "failed";
}

/// <summary>One frontier item: a manifest digest (or, when the tag could not be resolved, the tag reference) and what to pull.</summary>
public sealed record FrontierItem(string Item, string Reference);

/// <summary>How many frontier items are in each state.</summary>
public sealed record FrontierCounts(int Queued, int Done, int Failed);
