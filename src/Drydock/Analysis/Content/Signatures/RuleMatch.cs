namespace Drydock.Analysis.Content.Signatures;

/// <summary>A confirmed anchor occurrence.</summary>
/// <param name="Group">The index of the rule's group it belongs to.</param>
/// <param name="Anchor">The anchor.</param>
/// <param name="Offset">Byte offset in the file.</param>
/// <param name="Length">Length of the confirmed text (the anchor, or more when a verifier read on).</param>
public readonly record struct MatchedAnchor(int Group, Anchor Anchor, int Offset, int Length);

/// <summary>What a rule's anchors found in one file, handed to its <see cref="FileCheck"/>.</summary>
/// <param name="Path">The file's path.</param>
/// <param name="Kind">The file's kind.</param>
/// <param name="Matches">Every confirmed occurrence (capped per anchor), ordered by offset.</param>
public sealed record RuleMatch(string Path, FileKinds Kind, IReadOnlyList<MatchedAnchor> Matches);

/// <summary>The outcome of a <see cref="FileCheck"/> that accepts the file.</summary>
/// <param name="Confidence">Replaces the rule's confidence when set.</param>
/// <param name="Title">Replaces the rule's title when set.</param>
/// <param name="Evidence">Replaces the anchor evidence when set.</param>
public sealed record CheckResult(Confidence? Confidence = null, string? Title = null, IReadOnlyList<FindingEvidence>? Evidence = null)
{
    /// <summary>Accepts the file as the anchors found it.</summary>
    public static CheckResult Accept { get; } = new();
}

/// <summary>A structural check of the whole file, run once a rule's anchor groups hold.</summary>
/// <returns>Null to reject the file; else how to report it.</returns>
public delegate CheckResult? FileCheck(ReadOnlySpan<byte> content, RuleMatch match);
