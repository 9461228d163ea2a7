using Drydock.Population.Reports;

namespace Drydock.Tests.Population;

public sealed class PopulationTableWriterTests
{
    [Fact]
    public async Task Shows_the_headline_figures_and_every_breakdown()
    {
        var text = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Table), PopulationSamples.Study());

        Assert.Contains("With a critical vulnerability", text);
        Assert.Contains("51.0%", text);
        Assert.Contains("85.0% reused", text);
        Assert.Matches(@"coin-miner\s*│\s*11\s*│\s*44\.0%\s*│\s*5\.5%", text);
        Assert.Matches(@"Debian\s*│\s*openssl\s*│\s*90\s*│\s*45\.0%\s*│\s*40", text);
        Assert.Matches(@"debian 12\s*│\s*110\s*│\s*55\.0%", text);
        Assert.DoesNotContain("\u001b", text);
    }

    [Fact]
    public async Task An_empty_population_says_none_without_dividing_by_zero()
    {
        var text = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Table), PopulationSamples.Empty());

        Assert.Contains("Harmful images: none", text);
        Assert.Contains("Vulnerable packages: none", text);
        Assert.Contains("0.0%", text);
        Assert.DoesNotContain("NaN", text);
    }

    [Fact]
    public async Task Hostile_names_neither_inject_markup_nor_terminal_escapes()
    {
        var text = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Table, color: true), PopulationSamples.Hostile());

        Assert.Contains("<script>alert(1)</script>", text);
        Assert.DoesNotContain("\u001b[31mred", text);
        Assert.Contains("\uFFFD[31mred", text);
    }
}
