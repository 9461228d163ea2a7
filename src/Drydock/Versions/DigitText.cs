namespace Drydock.Versions;

/// <summary>Compares runs of ASCII digits by value without a size limit (leading zeros ignored).</summary>
internal static class DigitText
{
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        if (a.Length != b.Length)
        {
            return a.Length < b.Length ? -1 : 1;
        }

        return Math.Sign(a.SequenceCompareTo(b));
    }

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    public static bool AllDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');

    public static int TakeDigits(string s, int start)
    {
        var i = start;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }
}
