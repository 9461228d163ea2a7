using System.Globalization;
using Drydock.Population;
using Drydock.Population.Reports;

namespace Drydock.Tests.Population;

public sealed class PopulationCsvWriterTests
{
    [Fact]
    public async Task Parses_back_as_metric_category_value_rows()
    {
        var csv = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Csv), PopulationSamples.Study());

        var rows = Rfc4180.Parse(csv);
        Assert.Equal(["metric", "category", "value"], rows[0]);
        Assert.All(rows, r => Assert.Equal(3, r.Length));
        var values = rows.Skip(1).ToDictionary(r => (r[0], r[1]), r => double.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.Equal(200, values[("images", "")]);
        Assert.Equal(60, values[("repositories", "")]);
        Assert.Equal(0.51, values[("withCriticalShare", "")]);
        Assert.Equal(0.4, values[("withFixableCriticalShare", "")]);
        Assert.Equal(25, values[("harmful.total", "")]);
        Assert.Equal(11, values[("harmful.byCategory", "coin-miner")]);
        Assert.Equal(0.44, values[("harmful.shareOfHarmful", "coin-miner")]);
        Assert.Equal(90, values[("topVulnerablePackages.images", "Debian/openssl")]);
        Assert.Equal(40, values[("topVulnerablePackages.critical", "Debian/openssl")]);
        Assert.Equal(110, values[("commonBases.images", "debian 12")]);
        Assert.Equal(0.85, values[("layers.reuseRatio", "")]);
        Assert.EndsWith("\r\n", csv);
    }

    [Fact]
    public async Task An_empty_population_has_the_headline_rows_at_zero()
    {
        var rows = Rfc4180.Parse(await PopulationSamples.WriteAsync(new PopulationCsvWriter(), PopulationSamples.Empty()));

        Assert.Equal(16, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("0", r[2]));
    }

    [Fact]
    public async Task Hostile_names_are_quoted_and_formulas_stay_text()
    {
        const string formula = "=cmd|' /C calc'!A0";
        var stats = PopulationSamples.Hostile();
        stats = stats with { CommonBases = [.. stats.CommonBases, new BaseImageCount(formula, 1), new BaseImageCount("-2+3", 1)] };

        var rows = Rfc4180.Parse(await PopulationSamples.WriteAsync(new PopulationCsvWriter(), stats));

        // Line breaks survive inside quotes; the terminal escape does not.
        var hostile = PopulationSamples.HostileName.Replace('\u001b', '\uFFFD');
        Assert.Contains(rows, r => r[0] == "commonBases.images" && r[1] == hostile);
        Assert.Contains(rows, r => r[0] == "topVulnerablePackages.images" && r[1] == "npm/" + hostile);
        Assert.Contains(rows, r => r[0] == "commonBases.images" && r[1] == "'" + formula);
        Assert.Contains(rows, r => r[0] == "commonBases.images" && r[1] == "'-2+3");
    }
}
