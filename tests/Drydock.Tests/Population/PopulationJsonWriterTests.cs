using System.Text.Json;
using Drydock.Population;
using Drydock.Population.Reports;

namespace Drydock.Tests.Population;

public sealed class PopulationJsonWriterTests
{
    [Fact]
    public async Task Writes_the_fields_the_issue_names_and_reads_back()
    {
        var stats = PopulationSamples.Study();
        var json = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Json), stats);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(200, root.GetProperty("images").GetInt32());
        Assert.Equal(60, root.GetProperty("repositories").GetInt32());
        Assert.Equal(340, root.GetProperty("tags").GetInt32());
        Assert.Equal(102, root.GetProperty("withCritical").GetInt32());
        Assert.Equal(0.51, root.GetProperty("withCriticalShare").GetDouble());
        Assert.Equal(25, root.GetProperty("harmful").GetProperty("total").GetInt32());
        Assert.Equal(11, root.GetProperty("harmful").GetProperty("byCategory").GetProperty("coin-miner").GetInt32());
        Assert.Equal(150, root.GetProperty("layers").GetProperty("analysed").GetInt64());
        Assert.Equal(850, root.GetProperty("layers").GetProperty("reused").GetInt64());
        Assert.Equal(0.85, root.GetProperty("layers").GetProperty("reuseRatio").GetDouble());
        Assert.Equal("openssl", root.GetProperty("topVulnerablePackages")[0].GetProperty("name").GetString());

        var back = PopulationJsonWriter.Read(json);
        Assert.Equal(stats.Images, back.Images);
        Assert.Equal(stats.Harmful.ByCategory, back.Harmful.ByCategory);
        Assert.Equal(stats.TopVulnerablePackages, back.TopVulnerablePackages);
        Assert.Equal(stats.CommonBases, back.CommonBases);
        Assert.Equal(stats.Layers, back.Layers);
    }

    [Fact]
    public async Task An_empty_population_is_all_zeros_and_a_share_that_is_not_a_number_becomes_zero()
    {
        var broken = PopulationSamples.Empty() with { WithCriticalShare = double.NaN, WithHighShare = double.PositiveInfinity };
        var json = await PopulationSamples.WriteAsync(PopulationReportWriters.For(PopulationReportFormat.Json), broken);

        var back = PopulationJsonWriter.Read(json);
        Assert.Equal(0, back.Images);
        Assert.Equal(0, back.WithCriticalShare);
        Assert.Equal(0, back.WithHighShare);
        Assert.Equal(0, back.Layers.ReuseRatio);
        Assert.Empty(back.Harmful.ByCategory);
    }

    [Fact]
    public async Task Hostile_names_are_json_escaped_and_round_trip()
    {
        var json = await PopulationSamples.WriteAsync(new PopulationJsonWriter(), PopulationSamples.Hostile());

        Assert.DoesNotContain("<script>", json);
        Assert.Contains(PopulationSamples.HostileName, PopulationJsonWriter.Read(json).TopVulnerablePackages.Select(p => p.Name));
    }

    [Fact]
    public async Task The_stream_entry_point_writes_utf8_without_a_byte_order_mark_and_leaves_the_stream_open()
    {
        using var stream = new MemoryStream();
        await PopulationReportWriters.For(PopulationReportFormat.Json).WriteAsync(PopulationSamples.Study(), stream, CancellationToken.None);

        Assert.True(stream.CanWrite);
        Assert.Equal((byte)'{', stream.ToArray()[0]);
        Assert.Equal(200, PopulationJsonWriter.Read(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Images);
    }

    [Theory]
    [InlineData("table", PopulationReportFormat.Table)]
    [InlineData("JSON", PopulationReportFormat.Json)]
    [InlineData(" csv", PopulationReportFormat.Csv)]
    [InlineData("html", PopulationReportFormat.Html)]
    public void Format_names_parse_and_name_their_writer(string name, PopulationReportFormat format)
    {
        Assert.Equal(format, PopulationReportWriters.Parse(name));
        Assert.Equal(format, PopulationReportWriters.For(format).Format);
        Assert.Equal(name.Trim().ToLowerInvariant(), PopulationReportWriters.NameOf(format));
    }

    [Fact]
    public void An_unknown_format_names_the_known_ones()
    {
        var e = Assert.Throws<FormatException>(() => PopulationReportWriters.Parse("pdf"));
        Assert.Equal("unknown format 'pdf' (use table, json, csv, html)", e.Message);
    }
}
