using System.Buffers;
using System.Text;

namespace Drydock.Analysis.Secrets;

/// <summary>Finds secrets in a byte buffer: one vectorised multi-string search for every rule's anchors over the
/// bytes widened to Latin-1 characters (a byte is a character, so offsets carry over), then each candidate rule's
/// pattern on a small window around the hit. Stateless and thread-safe.</summary>
public sealed class SecretScanner
{
    private const int ChunkChars = 32 * 1024;

    // Window characters the patterns may examine per file: a fixed allowance plus a multiple of the file's size.
    private const long BaseBudget = 4L * 1024 * 1024;
    private const long BudgetPerByte = 16;

    /// <summary>How many bytes before an anchor a rule's <see cref="SecretRule.Before"/> check sees.</summary>
    public const int BeforeReach = 512;

    // Characters before the anchor that look-behinds may need to see ("-----BEGIN ENCRYPTED " before "PRIVATE KEY").
    private const int Context = 32;

    private readonly SearchValues<string> _anchors;
    private readonly (byte[] Anchor, SecretRule[] Rules)[] _byAnchor;
    private readonly int _longestAnchor;

    /// <summary>A scanner over <paramref name="rules"/>.</summary>
    public SecretScanner(IReadOnlyList<SecretRule> rules)
    {
        var byAnchor = rules.SelectMany(r => r.Anchors.Select(a => (Anchor: a, Rule: r)))
            .GroupBy(x => x.Anchor, StringComparer.Ordinal)
            .Select(g => (Anchor: g.Key, Rules: g.Select(x => x.Rule).ToArray()))
            .ToList();
        if (byAnchor.Any(a => a.Anchor.Length == 0 || !Ascii.IsValid(a.Anchor)))
        {
            throw new ArgumentException("secret anchors must be non-empty ASCII", nameof(rules));
        }

        _anchors = SearchValues.Create([.. byAnchor.Select(a => a.Anchor)], StringComparison.Ordinal);
        _byAnchor = [.. byAnchor.Select(a => (Encoding.ASCII.GetBytes(a.Anchor), a.Rules))];
        _longestAnchor = byAnchor.Max(a => a.Anchor.Length);
    }

    /// <summary>The scanner over <see cref="SecretRules.All"/>.</summary>
    public static SecretScanner Default { get; } = new(SecretRules.All);

    /// <summary>Adds the secrets of <paramref name="content"/> to <paramref name="matches"/> in order of offset, at most
    /// <paramref name="limit"/>; overlapping matches are reported once. Says whether the search ran to the end, or
    /// stopped at the limit or at the work budget (anchor hits that match nothing cost a window each: a file built of
    /// anchors must not make the scan quadratic).</summary>
    public ScanStop Scan(ReadOnlySpan<byte> content, List<SecretMatch> matches, int limit)
    {
        var budget = BaseBudget + (BudgetPerByte * content.Length);
        var buffer = ArrayPool<char>.Shared.Rent(ChunkChars + _longestAnchor);
        try
        {
            var resumeAt = 0;
            for (var chunk = 0; chunk < content.Length; chunk += ChunkChars)
            {
                // Widen one chunk plus enough of the next that an anchor starting in this chunk is whole.
                var end = Math.Min(content.Length, chunk + ChunkChars + _longestAnchor - 1);
                var chars = buffer.AsSpan(0, end - chunk);
                Encoding.Latin1.GetChars(content[chunk..end], chars);
                var searchEnd = Math.Min(ChunkChars, chars.Length);
                var from = Math.Max(0, resumeAt - chunk);
                while (from < searchEnd)
                {
                    var hit = chars[from..].IndexOfAny(_anchors);
                    if (hit < 0 || from + hit >= searchEnd)
                    {
                        break;
                    }

                    var at = chunk + from + hit;
                    resumeAt = Math.Max(resumeAt, at + 1);
                    if (TryMatch(content, at, matches, ref budget, out var matchEnd))
                    {
                        resumeAt = Math.Max(resumeAt, matchEnd);
                        if (matches.Count >= limit)
                        {
                            return ScanStop.Limit;
                        }
                    }

                    if (budget < 0)
                    {
                        return ScanStop.Budget;
                    }

                    from = resumeAt - chunk;
                }
            }

            return ScanStop.Complete;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // Every rule of every anchor that starts at this offset, tried at the anchor; the first that matches wins.
    private bool TryMatch(ReadOnlySpan<byte> content, int at, List<SecretMatch> matches, ref long budget, out int matchEnd)
    {
        matchEnd = 0;
        var rest = content[at..];
        foreach (var (anchor, rules) in _byAnchor)
        {
            if (!rest.StartsWith(anchor))
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if (rule.Before is { } before)
                {
                    budget -= Math.Min(at, BeforeReach);
                    if (!before(content[Math.Max(0, at - BeforeReach)..at]))
                    {
                        continue;
                    }
                }

                // The pattern is tried once, at the anchor (\G); the window starts a little earlier so that look-behinds
                // see the neighbouring characters.
                var windowStart = Math.Max(0, at - Context);
                var windowEnd = Math.Min(content.Length, at + anchor.Length + rule.ForwardReach + Context);
                budget -= windowEnd - windowStart;
                var window = Encoding.Latin1.GetString(content[windowStart..windowEnd]);
                var m = rule.Pattern.Match(window, at - windowStart);
                var secret = m.Groups["secret"];
                if (!m.Success || !secret.Success || rule.IsAllowedValue(secret.Value) || (rule.Verify is { } verify && !verify(secret.Value))
                    || (rule.RequiredNearby is { } nearby && !Near(content, at, rule.NearbyReach, nearby)))
                {
                    continue;
                }

                if (matches.Count > 0 && matches[^1].SecretEnd > windowStart + secret.Index)
                {
                    continue; // overlaps the previous secret
                }

                matches.Add(new SecretMatch(rule, windowStart + m.Index, m.Length, windowStart + secret.Index, secret.Length));
                matchEnd = windowStart + m.Index + m.Length;
                return true;
            }
        }

        return false;
    }

    private static bool Near(ReadOnlySpan<byte> content, int at, int reach, string text)
    {
        var start = Math.Max(0, at - reach);
        var end = Math.Min(content.Length, at + reach);
        Span<byte> needle = stackalloc byte[text.Length];
        Encoding.ASCII.GetBytes(text, needle);
        return content[start..end].IndexOf(needle) >= 0;
    }
}
