using Drydock.Advisories;
using Drydock.Advisories.Cvss;

namespace Drydock.Tests.Advisories;

/// <summary>The binary summary of an advisory (schema 3): what a finding reads comes out as it went in, references are cut to the
/// first twenty distinct, and a damaged summary fails with a clear error.</summary>
public sealed class AdvisorySummaryCodecTests
{
    private static readonly AdvisoryRecord Sample = new(
        "CVE-2024-0001",
        AdvisorySources.Nvd,
        ["GHSA-aaaa-bbbb-cccc", "DSA-5000-1"],
        "Ünïcode title",
        DateTimeOffset.Parse("2024-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture),
        null,
        false,
        [
            new SeverityEntry("nvd", "HIGH", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").Scored(),
            new SeverityEntry("cna@example.org", null, "AV:N/AC:L/Au:N/C:P/I:P/A:P").Scored(),
            new SeverityEntry(AdvisorySources.DebianTracker, "unimportant", null),
            new SeverityEntry("ghsa", null, "not a vector"),
        ],
        ["https://example.org/a", "https://example.org/b"]);

    [Fact]
    public void What_a_finding_reads_round_trips_without_the_dates()
    {
        var decoded = AdvisorySummaryCodec.Decode(Sample.Id, Sample.Source, AdvisorySummaryCodec.Encode(Sample));
        Assert.Equal(Sample.Aliases, decoded.Aliases);
        Assert.Equal(Sample.Title, decoded.Title);
        Assert.Equal(Sample.Severities, decoded.Severities);
        Assert.Equal(9.8, decoded.Severities[0].CvssScore);
        Assert.Equal(CvssVersion.V2_0, decoded.Severities[1].CvssVersion);
        Assert.Equal(Sample.References, decoded.References);
        Assert.Equal(Sample with { Published = null, Aliases = decoded.Aliases, Severities = decoded.Severities, References = decoded.References }, decoded);
    }

    [Fact]
    public void A_withdrawn_record_without_title_severities_or_references_round_trips()
    {
        var bare = Sample with { Title = null, Withdrawn = true, Aliases = [], Severities = [], References = [], Published = null };
        var decoded = AdvisorySummaryCodec.Decode(bare.Id, bare.Source, AdvisorySummaryCodec.Encode(bare));
        Assert.True(decoded.Withdrawn);
        Assert.Null(decoded.Title);
        Assert.Empty(decoded.Aliases);
        Assert.Empty(decoded.Severities);
        Assert.Empty(decoded.References);
    }

    [Fact]
    public void Only_the_first_twenty_distinct_references_are_kept()
    {
        var references = Enumerable.Range(0, 60).Select(i => $"https://example.org/{i % 30}").ToList();
        references.Insert(1, "https://example.org/0");
        var decoded = AdvisorySummaryCodec.Decode(Sample.Id, Sample.Source, AdvisorySummaryCodec.Encode(Sample with { References = references }));
        Assert.Equal(Enumerable.Range(0, AdvisorySummaryCodec.MaxReferences).Select(i => $"https://example.org/{i}"), decoded.References);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0, 0 }, "format 2")]                            // a later format
    [InlineData(new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "exceeds")]        // four billion aliases
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 4, 1, 2, 3 }, "truncated")]              // a score cut short
    [InlineData(new byte[] { 1, 0, 0, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0 }, "unknown CVSS version 9")]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 42 }, "past its end")]                    // trailing garbage
    [InlineData(new byte[] { 1, 2, 200, 0, 0, 0 }, "exceeds")]                        // a title longer than the row
    public void Hostile_summaries_fail_with_a_clear_message(byte[] row, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AdvisorySummaryCodec.Decode("X-1", "x", row));
        Assert.Contains(expected, error.Message);
        Assert.Contains("advisory summary", error.Message);
    }
}
