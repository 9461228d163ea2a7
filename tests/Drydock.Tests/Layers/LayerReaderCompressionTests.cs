using System.Formats.Tar;
using Drydock.Layers;
using Drydock.Layers.Decompression;
using Drydock.References;
using static Drydock.Tests.Layers.LayerTars;

namespace Drydock.Tests.Layers;

public sealed class LayerReaderCompressionTests
{
    private static readonly byte[] SampleTar = Tar(TarEntryFormat.Pax,
        ("etc/", TarEntryType.Directory, null),
        ("etc/hostname", TarEntryType.RegularFile, "drydock\n"),
        ("usr/lib/os-release", TarEntryType.RegularFile, string.Concat(Enumerable.Repeat("NAME=\"Debian\"\n", 5000))));

    public static TheoryData<Compression, string> Codecs => new()
    {
        { Compression.None, TarMediaType },
        { Compression.Gzip, GzipMediaType },
        { Compression.Zstd, ZstdMediaType },
    };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task Reads_each_codec_and_hashes_the_raw_tar(Compression compression, string mediaType)
    {
        var blob = compression switch
        {
            Compression.Gzip => Gzip(SampleTar),
            Compression.Zstd => Zstd(SampleTar),
            _ => SampleTar,
        };

        var (entries, reader) = await ReadAllAsync(blob, mediaType, Digest.Sha256Of(SampleTar));

        Assert.Equal(["etc", "etc/hostname", "usr/lib/os-release"], entries.Select(e => e.Info.Path));
        Assert.Equal(70_000, entries[2].Content!.Length);
        var summary = reader.Summary!;
        Assert.Equal(compression, summary.Compression);
        Assert.Equal(Digest.Sha256Of(SampleTar), summary.DiffId);
        Assert.Equal(SampleTar.Length, summary.UncompressedBytes);
        Assert.Equal(blob.Length, summary.CompressedBytes);
        Assert.Equal(blob.Length, reader.CompressedBytesRead);
        Assert.Equal(SampleTar.Length, reader.UncompressedBytesRead);
        Assert.Empty(summary.Warnings);
    }

    [Theory]
    [InlineData(GzipMediaType, Compression.None)]
    [InlineData(TarMediaType, Compression.Gzip)]
    [InlineData(ZstdMediaType, Compression.Gzip)]
    public async Task Trusts_the_magic_bytes_over_the_media_type_and_warns(string mediaType, Compression actual)
    {
        var blob = actual == Compression.Gzip ? Gzip(SampleTar) : SampleTar;

        var (entries, reader) = await ReadAllAsync(blob, mediaType);

        Assert.Equal(3, entries.Count);
        Assert.Equal(actual, reader.Summary!.Compression);
        var warning = Assert.Single(reader.Summary.Warnings);
        Assert.Equal("media-type-mismatch", warning.Code);
    }

    [Fact]
    public async Task No_media_type_means_no_mismatch_warning()
    {
        var (_, reader) = await ReadAllAsync(Gzip(SampleTar), mediaType: null);

        Assert.Equal(Compression.Gzip, reader.Summary!.Compression);
        Assert.Empty(reader.Summary.Warnings);
    }

    [Fact]
    public async Task Reads_multi_member_gzip()
    {
        var cut = 1000; // inside the second entry's data
        var blob = Gzip(SampleTar[..cut]).Concat(Gzip(SampleTar[cut..])).ToArray();

        var (entries, reader) = await ReadAllAsync(blob, GzipMediaType, Digest.Sha256Of(SampleTar));

        Assert.Equal(3, entries.Count);
        Assert.Equal("drydock\n"u8.ToArray(), entries[1].Content);
        Assert.Equal(SampleTar.Length, reader.Summary!.UncompressedBytes);
    }

    [Fact]
    public async Task Diff_id_covers_end_of_archive_blocks_and_record_padding()
    {
        var padded = SampleTar.Concat(new byte[10240 - SampleTar.Length % 10240]).ToArray();

        var (_, reader) = await ReadAllAsync(Gzip(padded), GzipMediaType, Digest.Sha256Of(padded));

        Assert.Equal(Digest.Sha256Of(padded), reader.Summary!.DiffId);
        Assert.Equal(padded.Length, reader.Summary.UncompressedBytes);
        Assert.Empty(reader.Summary.Warnings);
    }

    [Fact]
    public async Task A_wrong_expected_diff_id_fails_the_read()
    {
        var wrong = Digest.Sha256Of("something else"u8);

        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => ReadAllAsync(Gzip(SampleTar), GzipMediaType, wrong));

        Assert.Equal(wrong, e.Expected);
        Assert.Contains(Digest.Sha256Of(SampleTar).ToString(), e.Message);
    }

    [Fact]
    public async Task Corrupt_gzip_is_a_hostile_input_error()
    {
        var blob = Gzip(SampleTar);
        blob[blob.Length / 2] ^= 0xFF;
        blob[blob.Length / 2 + 1] ^= 0x55;

        var e = await Assert.ThrowsAsync<HostileInputException>(() => ReadAllAsync(blob, GzipMediaType));

        Assert.StartsWith("test-layer: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
