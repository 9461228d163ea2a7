using System.Text;
using Drydock.Population.Reports.Html;

namespace Drydock.Population.Reports;

/// <summary>
/// Writes one self-contained HTML file: the headline figures, then each chart of <see cref="PopulationCharts.All"/> as
/// inline SVG with its table. Nothing is loaded (no script, stylesheet, font or image; a Content-Security-Policy forbids
/// it too), every text from the images is escaped, and the markup is well-formed XML.
/// </summary>
public sealed class PopulationHtmlWriter : IPopulationReportWriter
{
    // Inline styles only; default-src 'none' keeps a browser from fetching anything even if markup slipped through.
    private const string Head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Drydock population report</title>
        <style>
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fff; margin: 24px auto; max-width: 860px; padding: 0 16px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; margin: 28px 0 8px; }
        p.lead { color: #555; margin: 0 0 16px; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
        th { background: #f6f6f6; }
        caption { text-align: left; padding: 4px 0; color: #444; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        svg.chart { display: block; font-family: inherit; fill: #222; }
        svg.chart rect { shape-rendering: crispEdges; }
        svg.chart text.no-data { fill: #777; font-style: italic; }
        details { margin: 4px 0 8px; font-size: 13px; }
        footer { color: #777; font-size: 12px; margin-top: 32px; }
        </style>
        </head>
        <body>

        """;

    public PopulationReportFormat Format => PopulationReportFormat.Html;

    public async Task WriteAsync(PopulationStats stats, TextWriter output, CancellationToken cancellationToken)
    {
        var html = new StringBuilder(Head.Length + 16 * 1024);
        html.Append(Head);
        Header(html, stats);
        var charts = PopulationCharts.For(stats);
        Section(html, charts[0]);
        Section(html, charts[1]);
        HarmfulTable(html, stats);
        Section(html, charts[2]);
        PackageTable(html, stats);
        Section(html, charts[3]);
        BaseTable(html, stats);
        Section(html, charts[4]);
        html.Append("<footer>Written by Drydock. This file is self-contained: it loads nothing from the network.</footer>\n</body>\n</html>\n");
        await output.WriteAsync(html, cancellationToken).ConfigureAwait(false);
    }

    private static void Header(StringBuilder html, PopulationStats s)
    {
        html.Append("<h1>Drydock population report</h1>\n<p class=\"lead\">")
            .AppendEscaped($"{Count(s.Images)} images (distinct manifests) in {Count(s.Repositories)} repositories under {Count(s.Tags)} tags; {Count(s.Failed)} could not be scanned.")
            .Append("</p>\n");
        HtmlTable.Write(html, null, ["Figure", "#Count", "#Share"],
        [
            ["Images scanned", Count(s.Images), ""],
            ["With a critical vulnerability", Count(s.WithCritical), Percent(s.WithCriticalShare)],
            ["With a high or critical vulnerability", Count(s.WithHigh), Percent(s.WithHighShare)],
            ["With a fixable critical vulnerability", Count(s.WithFixableCritical), Percent(s.WithFixableCriticalShare)],
            ["Harmful (malicious verdict)", Count(s.Harmful.Total), Percent(s.Harmful.Share)],
            ["Layers analysed / reused", $"{Count(s.Layers.Analysed)} / {Count(s.Layers.Reused)}", Percent(s.Layers.ReuseRatio) + " reused"],
        ]);
    }

    private static void Section(StringBuilder html, BarChart chart)
    {
        html.Append("<h2>").AppendEscaped(chart.Style.Title).Append("</h2>\n");
        chart.Render(html);
    }

    // The study's table: count, share of the harmful images, share of all images.
    private static void HarmfulTable(StringBuilder html, PopulationStats s)
    {
        var categories = PopulationFigures.Categories(s);
        if (categories.Count == 0)
        {
            return;
        }

        HtmlTable.Write(html, $"{Count(s.Harmful.Total)} harmful images ({Percent(s.Harmful.Share)} of all); an image counts under each category it shows.",
            ["Category", "#Images", "#Share of harmful", "#Share of all"],
            [.. categories.Select(c => new[] { c.Name, Count(c.Images), Percent(c.ShareOfHarmful), Percent(c.ShareOfImages) })]);
    }

    private static void PackageTable(StringBuilder html, PopulationStats s)
    {
        if (s.TopVulnerablePackages.Count > 0)
        {
            HtmlTable.Details(html, $"All {s.TopVulnerablePackages.Count} packages", ["Ecosystem", "Package", "#Images", "#Share", "#With critical"],
                [.. s.TopVulnerablePackages.Select(p => new[] { p.Ecosystem, p.Name, Count(p.Images), Percent(PopulationFigures.Share(p.Images, s.Images)), Count(p.Critical) })]);
        }
    }

    private static void BaseTable(StringBuilder html, PopulationStats s)
    {
        if (s.CommonBases.Count > 0)
        {
            HtmlTable.Details(html, $"All {s.CommonBases.Count} bases", ["Operating system", "#Images", "#Share"],
                [.. s.CommonBases.Select(b => new[] { b.Name, Count(b.Images), Percent(PopulationFigures.Share(b.Images, s.Images)) })]);
        }
    }

    private static string Count(long value) => PopulationFigures.Count(value);

    private static string Percent(double share) => PopulationFigures.Percent(share);
}
