namespace Drydock.Analysis.Secrets;

/// <summary>Decides from the bytes just before an anchor whether a rule applies there.</summary>
/// <param name="before">The text before the anchor (the anchor itself not included).</param>
public delegate bool SecretContext(ReadOnlySpan<byte> before);
