namespace Drydock.Crawl;

/// <summary>Orders tags newest first without fetching anything: <c>latest</c> first, then version-like tags (starting with a
/// digit, or <c>v</c> and a digit) in descending natural order (runs of digits compare as numbers, so <c>1.10</c> is newer
/// than <c>1.9</c>), then the other names alphabetically. Registries list tags without dates.</summary>
public sealed class TagOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static TagOrder NewestFirst { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? 1 : -1;
        }

        var byRank = Rank(x).CompareTo(Rank(y));
        if (byRank != 0)
        {
            return byRank;
        }

        return Rank(x) == 1 ? -Natural(x, y) : string.CompareOrdinal(x, y);
    }

    private static int Rank(string tag)
        => tag == "latest" ? 0
            : tag.Length > 0 && (char.IsAsciiDigit(tag[0]) || (tag.Length > 1 && tag[0] is 'v' or 'V' && char.IsAsciiDigit(tag[1]))) ? 1
            : 2;

    private static int Natural(string x, string y)
    {
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                var byNumber = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byNumber != 0)
                {
                    return byNumber;
                }

                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }
}
