namespace Drydock.Analysis.Content.Signatures;

/// <summary>One place where an anchor occurs.</summary>
/// <param name="Anchor">The anchor's index in the matcher.</param>
/// <param name="Offset">Byte offset of the first byte.</param>
public readonly record struct AnchorHit(int Anchor, int Offset);
