using System.Globalization;

namespace Drydock.Advisories.Builders.Epss;

/// <summary>Reads FIRST EPSS CSV: an optional "#model_version:…,score_date:…" comment line (its day is kept, so the newest of
/// several files wins), the header "cve,epss,percentile", then one score per line.</summary>
internal static class EpssReader
{
    /// <summary>True when the first line that is not a comment is the EPSS header.</summary>
    public static bool IsEpss(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            return trimmed.StartsWith("cve,epss,percentile", StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    // The day of "score_date:2024-06-01T00:00:00+0000" (or "...Z") in the comment line; scores are daily.
    private static DateOnly? ScoreDate(ReadOnlySpan<char> comment)
    {
        const string key = "score_date:";
        var at = comment.IndexOf(key, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || comment.Length < at + key.Length + 10)
        {
            return null;
        }

        return DateOnly.TryParseExact(comment.Slice(at + key.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;
    }

    /// <summary>Reads every score into <paramref name="into"/>.</summary>
    public static void Read(string text, ParsedFile into)
    {
        var header = false;
        var lineNumber = 0;
        Span<Range> fields = stackalloc Range[4];
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                into.EpssScoreDate ??= ScoreDate(line);
                continue;
            }

            if (!header)
            {
                header = true;
                continue;
            }

            var count = line.Split(fields, ',');
            if (count != 3
                || !double.TryParse(line[fields[1]], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
                || !double.TryParse(line[fields[2]], NumberStyles.Float, CultureInfo.InvariantCulture, out var percentile)
                || line[fields[0]].Trim().IsEmpty)
            {
                into.Problem($"line {lineNumber}: not 'cve,epss,percentile'");
                continue;
            }

            into.Epss.Add(new EpssScore(line[fields[0]].Trim().ToString(), score, percentile));
        }
    }
}
