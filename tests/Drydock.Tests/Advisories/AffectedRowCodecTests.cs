using Drydock.Advisories;

namespace Drydock.Tests.Advisories;

/// <summary>The binary form of affected entries: what goes in comes out, and a damaged row fails with a clear error.</summary>
public sealed class AffectedRowCodecTests
{
    private static readonly AffectedPackage Sample = new(
        "GHSA-xxxx-yyyy-zzzz",
        "Debian:11",
        "ünïcode-pkg",
        [
            new AffectedRange("ECOSYSTEM", [new RangeEvent("introduced", "0"), new RangeEvent("fixed", "1.2.3-1~deb11u1")]),
            new AffectedRange("SEMVER", [new RangeEvent("introduced", "2.0.0"), new RangeEvent("last_affected", "2.4.1"), new RangeEvent("limit", "3.0.0")]),
            new AffectedRange("GIT", [new RangeEvent("introduced", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")]),
            new AffectedRange("CUSTOM-TYPE", [new RangeEvent("odd_event", ""), new RangeEvent("fixed", new string('9', 300))]),
        ],
        [],
        AdvisoryStatus.Fixed,
        ["1.2.3-1~deb11u1", "2.4.2"]);

    [Fact]
    public void Ranges_and_fixed_versions_round_trip()
    {
        var (ecosystem, ranges, fixedVersions) = AffectedRowCodec.DecodeRanges(AffectedRowCodec.EncodeRanges(Sample));
        Assert.Equal(Sample.Ecosystem, ecosystem);
        Assert.Equal(Sample.FixedVersions, fixedVersions);
        Assert.Equal(Sample.Ranges.Count, ranges.Count);
        for (var i = 0; i < ranges.Count; i++)
        {
            Assert.Equal(Sample.Ranges[i].Type, ranges[i].Type);
            Assert.Equal(Sample.Ranges[i].Events, ranges[i].Events);
        }
    }

    [Fact]
    public void An_entry_without_ranges_round_trips_empty()
    {
        var empty = Sample with { Ranges = [], FixedVersions = [] };
        var (_, ranges, fixedVersions) = AffectedRowCodec.DecodeRanges(AffectedRowCodec.EncodeRanges(empty));
        Assert.Empty(ranges);
        Assert.Empty(fixedVersions);
    }

    [Fact]
    public void Version_lists_round_trip_and_are_searched_by_spelling_without_decoding()
    {
        string[] versions = ["0.1", "1.0.0rc1", "1.0", "", "ß-1", .. Enumerable.Range(0, 500).Select(i => $"2.{i}")];
        var row = AffectedRowCodec.EncodeVersions(versions)!;
        Assert.Equal(versions, AffectedRowCodec.DecodeVersions(row));
        var list = new EncodedVersionList(row);
        Assert.Equal(versions.Length, list.Count);
        Assert.Equal(versions, list);
        Assert.Equal("1.0", list[2]);
        Assert.True(list.ContainsSpelling("2.499"));
        Assert.True(list.ContainsSpelling("ß-1"));
        Assert.True(list.ContainsSpelling(""));
        Assert.False(list.ContainsSpelling("1.0.0"));
        Assert.False(list.ContainsSpelling(new string('x', 1000)));
        Assert.Null(AffectedRowCodec.EncodeVersions([]));
        Assert.Empty(AffectedRowCodec.DecodeVersions([]));
    }

    [Fact]
    public void Every_truncation_of_a_row_is_refused()
    {
        var ranges = AffectedRowCodec.EncodeRanges(Sample);
        for (var length = 0; length < ranges.Length; length++)
        {
            Assert.Throws<FormatException>(() => AffectedRowCodec.DecodeRanges(ranges.AsSpan(0, length)));
            Assert.Throws<FormatException>(() => AffectedRowCodec.Inspect(ranges.AsSpan(0, length)));
        }

        var versions = AffectedRowCodec.EncodeVersions(["1.0", "2.0", "3.0"])!;
        for (var length = 1; length < versions.Length; length++)
        {
            var cut = versions[..length];
            Assert.Throws<FormatException>(() => new EncodedVersionList(cut));
        }
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0, 0 }, "format 2")]                              // a later format
    [InlineData(new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "exceeds")]      // a count of four billion ranges
    [InlineData(new byte[] { 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "over-long")] // a count that never ends
    [InlineData(new byte[] { 1, 0, 1, 7, 0, 0 }, "unknown code 7")]                  // a range type code nobody wrote
    [InlineData(new byte[] { 1, 0, 0, 0, 42 }, "past its end")]                      // trailing garbage
    [InlineData(new byte[] { 1, 200, 1, 0, 0 }, "exceeds")]                          // a string longer than the row
    public void Hostile_rows_fail_with_a_clear_message(byte[] row, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AffectedRowCodec.DecodeRanges(row));
        Assert.Contains(expected, error.Message);
        Assert.Contains("affected row", error.Message);
        Assert.Contains(expected, Assert.Throws<FormatException>(() => AffectedRowCodec.Inspect(row)).Message);
    }

    [Fact]
    public void A_hostile_version_list_fails_before_allocating()
    {
        byte[] row = [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, (byte)'x'];
        Assert.Contains("exceeds", Assert.Throws<FormatException>(() => new EncodedVersionList(row)).Message);
    }
}
