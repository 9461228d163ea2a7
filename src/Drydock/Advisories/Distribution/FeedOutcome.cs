namespace Drydock.Advisories.Distribution;

/// <summary>What happened to one feed during <c>db update</c>.</summary>
public enum FeedStatus
{
    /// <summary>The server answered 304, or sent the same bytes as before.</summary>
    Unchanged,

    /// <summary>A new copy was downloaded and replaced the old one.</summary>
    Updated,

    /// <summary>The fetch failed; the previous copy, if any, is kept.</summary>
    Failed,
}

/// <summary>One feed's result.</summary>
/// <param name="Url">The feed.</param>
/// <param name="Status">What happened.</param>
/// <param name="Bytes">Bytes downloaded (0 unless updated).</param>
/// <param name="Error">Why it failed, in one line.</param>
/// <param name="HasCopy">Whether a copy of the feed is available for the build.</param>
public sealed record FeedOutcome(string Url, FeedStatus Status, long Bytes, string? Error, bool HasCopy);
