namespace Drydock.Analysis.Content.Signatures;

/// <summary>Confirms one anchor occurrence by looking around it (a URL's host and port, a domain's boundaries).</summary>
/// <param name="content">The whole file.</param>
/// <param name="offset">Where the anchor starts.</param>
/// <param name="length">The anchor's length.</param>
/// <returns>The length of the confirmed text from <paramref name="offset"/> (at least <paramref name="length"/>), or -1 to reject.</returns>
public delegate int AnchorVerifier(ReadOnlySpan<byte> content, int offset, int length);

/// <summary>A set of anchors of a rule, of which at least <see cref="Min"/> different ones must occur (and pass
/// <see cref="Verify"/>, when set) for the rule to hold.</summary>
/// <param name="Anchors">The literals.</param>
/// <param name="Min">How many different anchors of the group must occur.</param>
/// <param name="Verify">The precise check of each occurrence; null accepts every occurrence.</param>
public sealed record AnchorGroup(IReadOnlyList<Anchor> Anchors, int Min = 1, AnchorVerifier? Verify = null);
