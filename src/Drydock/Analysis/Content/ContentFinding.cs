namespace Drydock.Analysis.Content;

/// <summary>A malicious-content rule that matched one file of a layer; the detection stage lifts it to an image finding.</summary>
public sealed record ContentFinding
{
    /// <summary>The file's normalised path (no leading slash).</summary>
    public required string Path { get; init; }

    /// <summary>The rule that matched, e.g. <c>coin-miner/xmrig-binary</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>One of <see cref="ThreatCategory"/>.</summary>
    public required string Category { get; init; }

    public required Confidence Confidence { get; init; }

    /// <summary>One line saying what was found.</summary>
    public required string Title { get; init; }

    /// <summary>SHA-256 of the file (hex), when computed.</summary>
    public string? Sha256 { get; init; }

    public List<FindingEvidence> Evidence { get; init; } = [];
}
