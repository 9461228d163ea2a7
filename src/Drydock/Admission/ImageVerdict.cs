using Drydock.Policy;

namespace Drydock.Admission;

/// <summary>The outcome for one image of a request.</summary>
public sealed record ImageVerdict
{
    /// <summary>The image as the pod spec names it.</summary>
    public required string Image { get; init; }

    /// <summary>The containers that run it (<c>list/name</c>).</summary>
    public required IReadOnlyList<string> Containers { get; init; }

    /// <summary>The manifest digest the image resolved to, when it did.</summary>
    public string? Digest { get; init; }

    public required VerdictResult Result { get; init; }

    /// <summary>The policy rules that failed (for <see cref="VerdictResult.Failed"/>).</summary>
    public IReadOnlyList<RuleOutcome> FailedRules { get; init; } = [];

    /// <summary>Why there is no policy verdict (unavailable or invalid).</summary>
    public string? Reason { get; init; }

    /// <summary>Whether the scan facts came from the cache.</summary>
    public bool Cached { get; init; }
}

/// <summary>What became of one image.</summary>
public enum VerdictResult
{
    /// <summary>Every policy rule passed.</summary>
    Passed,

    /// <summary>A policy rule failed.</summary>
    Failed,

    /// <summary>No verdict: the time budget ran out or the registry could not be reached (fail-open or fail-closed decides).</summary>
    Unavailable,

    /// <summary>The image cannot be checked: a bad reference, not in the registry, or hostile content (always denied).</summary>
    Invalid,
}
