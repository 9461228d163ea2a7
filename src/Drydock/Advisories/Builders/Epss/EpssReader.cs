using System.Globalization;

namespace Drydock.Advisories.Builders.Epss;

/// <summary>Reads FIRST EPSS CSV: an optional "#model_version:…,score_date:…" comment line, the header "cve,epss,percentile",
/// then one score per line.</summary>
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
