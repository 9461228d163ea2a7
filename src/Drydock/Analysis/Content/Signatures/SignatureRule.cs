namespace Drydock.Analysis.Content.Signatures;

/// <summary>One content signature: which files it looks at, the anchors that must occur, and the precise checks
/// that confirm them. Rules are data; <see cref="SignatureRules"/> lists them.</summary>
public sealed record SignatureRule
{
    /// <summary>Stable id, <c>category/name</c>.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="ThreatCategory"/>.</summary>
    public required string Category { get; init; }

    /// <summary>How sure a match is, for the files in <see cref="AppliesTo"/>.</summary>
    public required Confidence Confidence { get; init; }

    /// <summary>One line saying what a match means.</summary>
    public required string Title { get; init; }

    /// <summary>The kinds of file the rule looks at.</summary>
    public FileKinds AppliesTo { get; init; } = FileKinds.NotDocument;

    /// <summary>The confidence of a match in documentation (at most this, whatever a check says); null: the rule
    /// says nothing about documentation, where naming a tool or a miner is no evidence of one.</summary>
    public Confidence? InDocuments { get; init; }

    /// <summary>Anchor groups that must all hold.</summary>
    public required IReadOnlyList<AnchorGroup> Groups { get; init; }

    /// <summary>A structural check of the file once the groups hold; null accepts.</summary>
    public FileCheck? Check { get; init; }
}
