using System.Formats.Tar;
using Drydock.Layers;
using Drydock.References;
using static Drydock.Tests.Layers.LayerTars;

namespace Drydock.Tests.Layers;

/// <summary>GZipStream ends silently on a cut blob and TarReader cannot tell a cut at an entry boundary from
/// the end; the reader must still refuse every short layer rather than return fewer entries.</summary>
public sealed class LayerReaderTruncationTests
{
    private static readonly byte[] SampleTar = BuildTar();

    private static byte[] BuildTar()
    {
        var random = new Random(42);
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Ustar, leaveOpen: true))
        {
            for (var i = 0; i < 8; i++)
            {
                var data = new byte[100_000 + i];
                random.NextBytes(data); // incompressible, so a cut compressed blob is a cut tar
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"f{i}") { DataStream = new MemoryStream(data) });
            }
        }

        return ms.ToArray();
    }

    // The offset of the header of entry i (ustar: one header block + the data padded to 512, no PAX blocks).
    private static int EntryOffset(int i)
    {
        var offset = 0;
        for (var k = 0; k < i; k++)
        {
            offset += 512 + ((100_000 + k + 511) / 512 * 512);
        }

        return offset;
    }

    public static TheoryData<string, bool> Cuts => new()
    {
        { "gzip", false }, { "gzip", true }, { "zstd", false }, { "zstd", true },
        { "tar-mid-entry", false }, { "tar-mid-entry", true }, { "tar-boundary", false }, { "tar-boundary", true },
        { "tar-mid-header", false },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task A_cut_layer_fails_with_a_clear_error(string cut, bool withDiffId)
    {
        var (blob, mediaType) = cut switch
        {
            "gzip" => (Gzip(SampleTar)[..(Gzip(SampleTar).Length / 2)], GzipMediaType),
            "zstd" => (Zstd(SampleTar)[..(Zstd(SampleTar).Length / 2)], ZstdMediaType),
            "tar-mid-entry" => (SampleTar[..(EntryOffset(5) + 700)], TarMediaType),
            "tar-boundary" => (SampleTar[..EntryOffset(5)], TarMediaType),
            _ => (SampleTar[..(EntryOffset(5) + 100)], TarMediaType),
        };
        Digest? diffId = withDiffId ? Digest.Sha256Of(SampleTar) : null;
        var yielded = 0;

        var e = await Assert.ThrowsAsync<HostileInputException>(async () =>
        {
            await foreach (var entry in Reader(blob, mediaType, diffId).ReadAsync())
            {
                yielded++;
                await entry.Data!.CopyToAsync(Stream.Null);
            }
        });

        Assert.Contains("truncated", e.Message);
        Assert.StartsWith("test-layer: ", e.Message);
        Assert.True(yielded <= 6, $"{yielded} entries from a layer cut before or inside its sixth entry");
    }

    [Fact]
    public async Task A_cut_at_an_entry_boundary_says_so()
    {
        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync(SampleTar[..EntryOffset(3)]));

        Assert.Contains("at an entry boundary", e.Message);
        Assert.Contains("end-of-archive", e.Message);
    }

    [Fact]
    public async Task The_content_of_a_cut_file_fails_instead_of_reading_short()
    {
        var blob = Gzip(SampleTar[..(EntryOffset(2) + 512 + 50_000)]);
        var reader = Reader(blob, GzipMediaType);
        var sizes = new List<long>();

        var e = await Assert.ThrowsAsync<HostileInputException>(async () =>
        {
            await foreach (var entry in reader.ReadAsync())
            {
                var ms = new MemoryStream();
                await entry.Data!.CopyToAsync(ms);
                sizes.Add(ms.Length);
            }
        });

        Assert.Equal([100_000L, 100_001L], sizes);
        Assert.Contains("inside an entry", e.Message);
        Assert.Null(reader.Summary);
    }

    [Fact]
    public async Task A_single_end_block_is_accepted_with_a_warning()
    {
        var oneBlock = SampleTar[..(EntryOffset(8) + 512)];

        var (entries, reader) = await ReadAllAsync(oneBlock);

        Assert.Equal(8, entries.Count);
        Assert.Contains(reader.Summary!.Warnings, w => w.Code == "tar-short-end-marker");
    }

    [Fact]
    public async Task Data_after_the_end_marker_is_hashed_and_reported()
    {
        var withTrailer = SampleTar.Concat("hidden second archive"u8.ToArray()).ToArray();

        var (entries, reader) = await ReadAllAsync(withTrailer, diffId: Digest.Sha256Of(withTrailer));

        Assert.Equal(8, entries.Count);
        Assert.Contains(reader.Summary!.Warnings, w => w.Code == "tar-trailing-data");
    }

    [Fact]
    public async Task An_empty_blob_is_not_a_layer()
    {
        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync([]));

        Assert.Contains("truncated", e.Message);
    }
}
