using System.Text.RegularExpressions;
using System.Xml.Linq;
using Drydock.Population.Reports;
using Drydock.Population.Reports.Html;

namespace Drydock.Tests.Population;

public sealed partial class PopulationHtmlWriterTests
{
    [Fact]
    public async Task Every_chart_is_an_accessible_well_formed_svg_with_its_own_fill()
    {
        var html = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Html), PopulationSamples.Study());

        var svgs = Svgs(html);
        Assert.Equal(PopulationCharts.All.Select(c => c.Id), svgs.Select(s => (string?)s.Attribute("id")));
        foreach (var (svg, style) in svgs.Zip(PopulationCharts.All))
        {
            Assert.Equal("img", (string?)svg.Attribute("role"));
            var title = svg.Elements("title").Single();
            Assert.Equal(style.Title, title.Value);
            Assert.StartsWith((string)title.Attribute("id")!, (string?)svg.Attribute("aria-labelledby"));
            Assert.NotEmpty(svg.Elements("desc").Single().Value);
            Assert.Contains(svg.Descendants("rect"), r => (string?)r.Attribute("fill") == style.Fill && (int)r.Attribute("width")! > 0);
            Assert.DoesNotContain("no data", svg.Value);
        }

        // Each fill belongs to one chart only, so a screenshot tells them apart.
        string[] fills = [.. PopulationCharts.All.Select(c => c.Fill), PopulationCharts.AnalysedFill, BarChart.TrackFill];
        Assert.Equal(fills.Length, fills.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task The_page_is_self_contained()
    {
        var html = await PopulationSamples.WriteAsync(new PopulationHtmlWriter(), PopulationSamples.Study());

        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        AssertLoadsNothing(html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public async Task Shows_the_studys_table_of_harmful_categories()
    {
        var html = await PopulationSamples.WriteAsync(new PopulationHtmlWriter(), PopulationSamples.Study());

        var rows = Document(html).Descendants("tr").Select(r => string.Join("|", r.Elements().Select(e => e.Value))).ToList();
        Assert.Contains("coin-miner|11|44.0%|5.5%", rows);
        Assert.Contains("malicious-npm-package|6|24.0%|3.0%", rows);
        Assert.Contains("hacking-tool|5|20.0%|2.5%", rows);
        Assert.Contains("windows-malware|2|8.0%|1.0%", rows);
        Assert.Contains("Debian|openssl|90|45.0%|40", rows);
        Assert.Contains("With a critical vulnerability|102|51.0%", rows);
    }

    [Fact]
    public async Task An_empty_population_draws_no_data_in_every_chart()
    {
        var html = await PopulationSamples.WriteAsync(new PopulationHtmlWriter(), PopulationSamples.Empty());

        var svgs = Svgs(html);
        Assert.Equal(PopulationCharts.All.Count, svgs.Count);
        Assert.All(svgs, svg =>
        {
            Assert.Equal("no data", svg.Elements("text").Single().Value);
            Assert.Empty(svg.Descendants("rect"));
        });
        Assert.DoesNotContain("NaN", html);
        Assert.DoesNotContain("Infinity", html);
    }

    [Fact]
    public async Task Hostile_names_stay_text()
    {
        var html = await PopulationSamples.WriteAsync(new PopulationHtmlWriter(), PopulationSamples.Hostile());

        var document = Document(html);
        Assert.Empty(document.Descendants("script"));
        AssertLoadsNothing(html);
        Assert.DoesNotContain("<script>", html);
        var cleaned = PopulationSamples.HostileName.Replace('\r', '\uFFFD').Replace('\n', '\uFFFD').Replace('\u001b', '\uFFFD');
        Assert.Contains(document.Descendants("td"), td => td.Value == cleaned);
        Assert.Contains(document.Descendants("title"), t => t.Value.StartsWith("Debian/openssl", StringComparison.Ordinal));
        Assert.Contains(document.Descendants("title"), t => t.Value.StartsWith("npm/" + cleaned, StringComparison.Ordinal));
        Assert.All(Svgs(html), svg => Assert.Equal("img", (string?)svg.Attribute("role")));
    }

    // The whole page parses as XML (HTML5 void elements are self-closed), so each chart can be read with XDocument.
    private static XDocument Document(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n", html);
        return XDocument.Parse(html["<!DOCTYPE html>\n".Length..]);
    }

    // Each <svg> cut out of the text and parsed on its own.
    private static List<XElement> Svgs(string html)
        => [.. SvgElement().Matches(html).Select(m => XDocument.Parse(m.Value).Root!)];

    private static void AssertLoadsNothing(string html)
    {
        foreach (var needle in new[] { "<script", "<link", "<img", "<iframe", "<object", "<embed", "<image", " src=", " href=", "url(", "@import", "<use" })
        {
            Assert.DoesNotContain(needle, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [GeneratedRegex("<svg[ >].*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgElement();
}
