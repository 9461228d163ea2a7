using System.Globalization;
using System.Text;

namespace Drydock.Population.Reports;

/// <summary>
/// Writes the figures as one flat RFC 4180 table, <c>metric,category,value</c>: one row per headline figure (empty category),
/// then one row per harmful category, vulnerable package and base. Lines end in CRLF, fields with a comma, quote or
/// line break are quoted, text that a spreadsheet would run as a formula is prefixed with an apostrophe, and other control
/// characters (a terminal escape in a name read from an image) become U+FFFD.
/// </summary>
public sealed class PopulationCsvWriter : IPopulationReportWriter
{
    /// <summary>The header row's fields.</summary>
    public static IReadOnlyList<string> Header { get; } = ["metric", "category", "value"];

    public PopulationReportFormat Format => PopulationReportFormat.Csv;

    public async Task WriteAsync(PopulationStats stats, TextWriter output, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        Row(csv, Header[0], Header[1], Header[2]);
        Row(csv, "images", "", stats.Images);
        Row(csv, "repositories", "", stats.Repositories);
        Row(csv, "tags", "", stats.Tags);
        Row(csv, "failed", "", stats.Failed);
        Row(csv, "withCritical", "", stats.WithCritical);
        Row(csv, "withCriticalShare", "", stats.WithCriticalShare);
        Row(csv, "withHigh", "", stats.WithHigh);
        Row(csv, "withHighShare", "", stats.WithHighShare);
        Row(csv, "withFixableCritical", "", stats.WithFixableCritical);
        Row(csv, "withFixableCriticalShare", "", stats.WithFixableCriticalShare);
        Row(csv, "harmful.total", "", stats.Harmful.Total);
        Row(csv, "harmful.share", "", stats.Harmful.Share);
        Row(csv, "layers.analysed", "", stats.Layers.Analysed);
        Row(csv, "layers.reused", "", stats.Layers.Reused);
        Row(csv, "layers.reuseRatio", "", stats.Layers.ReuseRatio);
        foreach (var c in PopulationFigures.Categories(stats))
        {
            Row(csv, "harmful.byCategory", c.Name, c.Images);
            Row(csv, "harmful.shareOfHarmful", c.Name, c.ShareOfHarmful);
        }

        foreach (var p in stats.TopVulnerablePackages)
        {
            var label = PopulationFigures.PackageLabel(p);
            Row(csv, "topVulnerablePackages.images", label, p.Images);
            Row(csv, "topVulnerablePackages.critical", label, p.Critical);
        }

        foreach (var b in stats.CommonBases)
        {
            Row(csv, "commonBases.images", b.Name, b.Images);
        }

        await output.WriteAsync(csv, cancellationToken).ConfigureAwait(false);
    }

    private static void Row(StringBuilder csv, string metric, string category, long value)
        => Row(csv, metric, category, value.ToString(CultureInfo.InvariantCulture));

    // Shares in full precision ("R" round-trips), so a spreadsheet can format them as it likes.
    private static void Row(StringBuilder csv, string metric, string category, double value)
        => Row(csv, metric, category, PopulationFigures.Finite(value).ToString("R", CultureInfo.InvariantCulture));

    private static void Row(StringBuilder csv, string metric, string category, string value)
    {
        Field(csv, metric);
        csv.Append(',');
        Field(csv, category);
        csv.Append(',');
        Field(csv, value);
        csv.Append("\r\n");
    }

    /// <summary>Appends one field: quoted when it holds a comma, a quote or a line break (quotes doubled); formula triggers defused.</summary>
    internal static void Field(StringBuilder csv, string text)
    {
        text = DisplayText.Clean(text, keepLineBreaks: true);
        // A name from an image such as "=HYPERLINK(...)" must stay text when a spreadsheet opens the file (CWE-1236).
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(text);
            return;
        }

        csv.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
