namespace Drydock.Analysis.Content.Signatures;

/// <summary>A literal the matcher looks for in every byte of a file: a cheap hint that a rule may apply, confirmed
/// afterwards. <see cref="Text"/> is read as Latin-1 (one byte per character), so <c>\0</c> spells UTF-16 strings.</summary>
/// <param name="Text">The bytes to find, at least <see cref="AnchorMatcher.MinAnchorLength"/> long.</param>
/// <param name="IgnoreCase">True to match ASCII letters in either case.</param>
public sealed record Anchor(string Text, bool IgnoreCase = false)
{
    /// <summary>An anchor that matches ASCII letters in either case.</summary>
    public static Anchor Folded(string text) => new(text, true);

    /// <summary>The UTF-16LE spelling of <paramref name="text"/> (Windows binaries keep many strings so).</summary>
    public static Anchor Wide(string text) => new(string.Concat(text.Select(c => c + "\0")), false);

    /// <summary>Plain anchors from strings.</summary>
    public static implicit operator Anchor(string text) => new(text);

    /// <summary>A readable form for evidence (UTF-16 shown without its zero bytes).</summary>
    public string Display => Text.Contains('\0', StringComparison.Ordinal) ? Text.Replace("\0", "", StringComparison.Ordinal) + " (UTF-16)" : Text;
}
