using System.Globalization;
using System.Xml.Linq;
using Drydock.Population.Reports;
using Drydock.Population.Reports.Html;
using Drydock.Tests.Crawl;
using Drydock.Tests.Population;

namespace Drydock.Tests.Cli;

/// <summary><c>drydock stats</c> in each format over a real crawl of the loopback registry.</summary>
[Collection(CrawlCollection.Name)]
public sealed class StatsCommandTests(CrawlRegistryFixture fixture)
{
    [Fact]
    public async Task Writes_the_crawled_population_as_table_json_csv_and_html()
    {
        var db = Path.Combine(fixture.Root, $"formats-{Guid.NewGuid():N}.db");
        var crawl = await new CrawlStatsTests(fixture).CrawlAsync(db, "-q");
        Assert.True(crawl.ExitCode == 0, crawl.Stderr);
        var expected = fixture.Expected;

        var table = await CliRunner.InProcessAsync("stats", "--db", db);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Matches(@"Images scanned \(distinct manifests\)\s*│\s*201\s", table.Stdout);
        Assert.Matches(@"coin-miner\s*│\s*8\s*│\s*50\.0%", table.Stdout);
        Assert.DoesNotContain("\u001b[", table.Stdout);

        CrawlStatsTests.AssertSame(expected, await CrawlStatsTests.StatsAsync(db));

        var csvFile = Path.Combine(fixture.Root, $"stats-{Guid.NewGuid():N}.csv");
        var csv = await CliRunner.InProcessAsync("stats", "--db", db, "--format", "csv", "--output", csvFile);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.Empty(csv.Stdout);
        var rows = Rfc4180.Parse(await File.ReadAllTextAsync(csvFile)).ToDictionary(r => (r[0], r[1]), r => r[2]);
        Assert.Equal(expected.Images.ToString(CultureInfo.InvariantCulture), rows[("images", "")]);
        Assert.Equal("8", rows[("harmful.byCategory", "coin-miner")]);
        Assert.Equal(expected.Layers.Reused.ToString(CultureInfo.InvariantCulture), rows[("layers.reused", "")]);

        var htmlFile = Path.Combine(fixture.Root, $"stats-{Guid.NewGuid():N}.html");
        var html = await CliRunner.InProcessAsync("stats", "--db", db, "-f", "html", "-o", htmlFile);
        Assert.True(html.ExitCode == 0, html.Stderr);
        var page = await File.ReadAllTextAsync(htmlFile);
        var document = XDocument.Parse(page["<!DOCTYPE html>\n".Length..]);
        Assert.Equal(PopulationCharts.All.Select(c => c.Id), document.Descendants("svg").Select(s => (string?)s.Attribute("id")));
        Assert.Contains(document.Descendants("tr"), r => string.Join("|", r.Elements().Select(e => e.Value)) == "coin-miner|8|50.0%|4.0%");
        Assert.Contains(document.Descendants("title"), t => t.Value.StartsWith("deb/openssl: 46 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_format_is_one_line_and_a_usage_error()
    {
        var run = await CliRunner.InProcessAsync("stats", "--db", Path.Combine(fixture.Root, "none.db"), "--format", "pdf");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("pdf", run.Stderr);
        Assert.All(PopulationReportWriters.Names, name => Assert.Contains(name, run.Stderr));
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
