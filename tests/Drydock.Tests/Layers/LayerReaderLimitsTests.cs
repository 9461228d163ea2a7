using System.Formats.Tar;
using System.Text;
using Drydock.Layers;
using static Drydock.Tests.Layers.LayerTars;

namespace Drydock.Tests.Layers;

/// <summary>Runs alone, so the allocation counter measures only the read under test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationSensitiveCollection
{
    public const string Name = "allocation sensitive";
}

[Collection(AllocationSensitiveCollection.Name)]
public sealed class LayerReaderLimitsTests
{
    private static readonly byte[] HugeFileHeader = Header("zeros", '0', 7L * 1024 * 1024 * 1024);

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_layer_size_limit_with_bounded_memory()
    {
        // A 128 MiB file of zeros, then zero blocks (an end marker) and zero "padding" for ever.
        var limits = new InputLimits { MaxLayerBytes = 256L * 1024 * 1024 };
        var reader = new LayerReader(new GzipZeroBomb(Header("zeros", '0', 128L * 1024 * 1024)), GzipMediaType, null, limits, "test-layer");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var e = await Assert.ThrowsAsync<HostileInputException>(async () =>
        {
            await foreach (var entry in reader.ReadAsync())
            {
                await entry.Data!.CopyToAsync(Stream.Null);
            }
        });

        Assert.Contains("layer limit", e.Message);
        Assert.InRange(reader.UncompressedBytesRead, limits.MaxLayerBytes, limits.MaxLayerBytes + 1);
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - before, 0, 32L * 1024 * 1024);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_ratio_limit()
    {
        var limits = new InputLimits { MaxCompressionRatio = 100, RatioCheckFloorBytes = 32L * 1024 * 1024 };
        var reader = new LayerReader(new GzipZeroBomb(HugeFileHeader), GzipMediaType, null, limits, "test-layer");
        var entries = new List<EntryInfo>();

        var e = await Assert.ThrowsAsync<HostileInputException>(async () =>
        {
            await foreach (var entry in reader.ReadAsync())
            {
                entries.Add(entry.Info); // data left unread: skipping it must expand (and count) it too
            }
        });

        Assert.Contains("decompression ratio", e.Message);
        Assert.Equal(7L * 1024 * 1024 * 1024, Assert.Single(entries).Size);
        Assert.InRange(reader.UncompressedBytesRead, limits.RatioCheckFloorBytes, limits.RatioCheckFloorBytes + (1 << 20));
    }

    [Theory]
    [InlineData('x')]
    [InlineData('g')]
    [InlineData('L')]
    [InlineData('K')]
    public async Task A_metadata_header_claiming_a_huge_size_is_refused_before_it_is_buffered(char type)
    {
        // TarReader would rent a buffer of the claimed size (2 GB here) before reading the data.
        var blob = Gzip([.. Header("meta", type, 2_000_000_000), .. new byte[4096]]);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync(blob, GzipMediaType));

        Assert.Contains("header limit", e.Message);
        Assert.InRange(GC.GetTotalAllocatedBytes(precise: true) - before, 0, 16L * 1024 * 1024);
    }

    [Fact]
    public async Task A_header_claiming_more_than_the_layer_limit_is_refused_at_once()
    {
        var reader = new LayerReader(new GzipZeroBomb(HugeFileHeader), GzipMediaType, null,
            new InputLimits { MaxLayerBytes = 1L << 30 }, "test-layer");

        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync(reader));

        Assert.Contains("layer limit", e.Message);
        Assert.Equal(512, reader.UncompressedBytesRead);
    }

    [Fact]
    public async Task A_metadata_header_too_big_for_tar_reader_is_still_a_typed_error()
    {
        var limits = new InputLimits { MaxHeaderBytes = int.MaxValue };
        var blob = Gzip([.. Header("meta", 'x', 8_000_000_000), .. new byte[4096]]);

        await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync(blob, GzipMediaType, limits: limits));
    }

    [Fact]
    public async Task Follows_a_pax_size_record_that_overrides_the_header_size()
    {
        var records = Encoding.ASCII.GetBytes("11 size=11\n" + "16 path=renamed\n");
        var tar = new MemoryStream();
        tar.Write(Header("PaxHeaders/f", 'x', records.Length));
        tar.Write(Pad(records));
        tar.Write(Header("f", '0', 0)); // the header says 0 bytes; the PAX record says 11
        tar.Write(Pad("hello world"u8.ToArray()));
        tar.Write(Header("g2", '0', 3));
        tar.Write(Pad("abc"u8.ToArray()));
        tar.Write(new byte[1024]);

        var (entries, _) = await ReadAllAsync(tar.ToArray());

        Assert.Equal([("renamed", "hello world"), ("g2", "abc")], entries.Select(e => (e.Info.Path, Encoding.ASCII.GetString(e.Content!))));
    }

    [Fact]
    public async Task A_header_with_a_wrong_checksum_is_refused()
    {
        var header = Header("f", '0', 0);
        header[0] = (byte)'g';

        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync([.. header, .. new byte[1024]]));

        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public async Task More_entries_than_the_limit_fail_the_layer()
    {
        var rows = Enumerable.Range(0, 11).Select(i => ($"f{i}", TarEntryType.RegularFile, (string?)"x")).ToArray();

        var e = await Assert.ThrowsAsync<HostileInputException>(
            () => ReadAllAsync(Tar(TarEntryFormat.Pax, rows), limits: new InputLimits { MaxEntries = 10 }));

        Assert.Contains("more than 10 entries", e.Message);
    }

    [Fact]
    public async Task A_file_over_the_file_limit_fails_the_layer_before_its_data_is_read()
    {
        var small = new InputLimits { MaxFileBytes = 1000 };
        var e = await Assert.ThrowsAsync<HostileInputException>(
            () => ReadAllAsync(Tar(TarEntryFormat.Gnu, ("big", TarEntryType.RegularFile, new string('a', 2000))), limits: small));
        Assert.Contains("file limit", e.Message);

        // A header claiming 7 GB with no data behind it: refused at the header, not reported as truncation.
        var claimed = await Assert.ThrowsAsync<HostileInputException>(
            () => ReadAllAsync([.. HugeFileHeader, .. new byte[1024]], limits: new InputLimits { MaxFileBytes = 1L << 30 }));
        Assert.Contains("file limit", claimed.Message);
    }

    [Fact]
    public async Task A_path_longer_than_the_limit_is_skipped_with_a_warning()
    {
        var limits = new InputLimits { MaxPathLength = 100 };
        var tar = Tar(TarEntryFormat.Pax, (new string('d', 150), TarEntryType.RegularFile, "x"), ("ok", TarEntryType.RegularFile, "y"));

        var (entries, reader) = await ReadAllAsync(tar, limits: limits);

        Assert.Equal("ok", Assert.Single(entries).Info.Path);
        Assert.Contains(reader.Summary!.Warnings, w => w.Code == "path-too-long");
    }

    private static byte[] Pad(byte[] data) => [.. data, .. new byte[(512 - data.Length % 512) % 512]];
}
