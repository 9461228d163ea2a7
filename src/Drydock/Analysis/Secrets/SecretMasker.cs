using System.Text;

namespace Drydock.Analysis.Secrets;

/// <summary>Turns matches into text that is safe to store and show: the line around a secret with every secret on it
/// replaced by at most its documented format prefix and asterisks.</summary>
public static class SecretMasker
{
    /// <summary>What replaces the secret characters (a fixed length, so the secret's length is not shown either).</summary>
    public const string Mask = "********";

    private const int MaxShown = 160;
    private const int ShownBefore = 40;

    /// <summary>The masked form of one secret value: its kept prefix and <see cref="Mask"/>.</summary>
    public static string MaskValue(string secret, int keepPrefix) => secret[..Math.Min(keepPrefix, secret.Length / 4)] + Mask;

    /// <summary>The line of <paramref name="content"/> that holds <paramref name="match"/>'s start, cut to a readable
    /// length around it, with every secret in <paramref name="all"/> that touches it masked.</summary>
    public static string MaskedLine(ReadOnlySpan<byte> content, SecretMatch match, IReadOnlyList<SecretMatch> all)
    {
        var lineStart = content[..match.Start].LastIndexOf((byte)'\n') + 1;
        var newline = content[match.Start..].IndexOf((byte)'\n');
        var lineEnd = newline < 0 ? content.Length : match.Start + newline;
        var from = lineStart;
        var to = lineEnd;
        if (to - from > MaxShown)
        {
            from = Math.Max(lineStart, match.Start - ShownBefore);
            to = Math.Min(lineEnd, from + MaxShown);
        }

        var shown = new List<byte>(to - from + Mask.Length);
        var position = from;
        foreach (var m in all.Where(m => m.SecretEnd > from && m.SecretStart < to).OrderBy(m => m.SecretStart))
        {
            if (m.SecretStart > position)
            {
                shown.AddRange(content[position..m.SecretStart]);
            }

            // The kept prefix only when the secret starts inside the shown text.
            var keep = m.SecretStart >= position ? Math.Min(m.Rule.KeepPrefix, m.SecretLength / 4) : 0;
            shown.AddRange(content.Slice(m.SecretStart, Math.Min(keep, to - m.SecretStart)));
            shown.AddRange(Encoding.ASCII.GetBytes(Mask));
            position = Math.Max(position, m.SecretEnd);
        }

        if (position < to)
        {
            shown.AddRange(content[position..to]);
        }

        return Printable(Encoding.UTF8.GetString([.. shown]), from > lineStart, to < lineEnd);
    }

    /// <summary>All of <paramref name="content"/> with every secret in <paramref name="all"/> masked (for short texts
    /// such as an image's environment variables, labels and history).</summary>
    public static string MaskAll(ReadOnlySpan<byte> content, IReadOnlyList<SecretMatch> all)
    {
        var shown = new List<byte>(content.Length);
        var position = 0;
        foreach (var m in all.OrderBy(m => m.SecretStart))
        {
            if (m.SecretStart > position)
            {
                shown.AddRange(content[position..m.SecretStart]);
            }

            var keep = m.SecretStart >= position ? Math.Min(m.Rule.KeepPrefix, m.SecretLength / 4) : 0;
            shown.AddRange(content.Slice(m.SecretStart, keep));
            shown.AddRange(Encoding.ASCII.GetBytes(Mask));
            position = Math.Max(position, m.SecretEnd);
        }

        if (position < content.Length)
        {
            shown.AddRange(content[position..]);
        }

        return Encoding.UTF8.GetString([.. shown]);
    }

    // Control characters become spaces, so a line cannot move the cursor or colour a terminal.
    private static string Printable(string text, bool cutBefore, bool cutAfter)
    {
        var builder = new StringBuilder(text.Length + 2);
        if (cutBefore)
        {
            builder.Append('…');
        }

        foreach (var c in text.AsSpan().Trim())
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        if (cutAfter)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
