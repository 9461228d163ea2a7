using System.IO.Compression;
using System.Text;
using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.Layers;
using Drydock.References;
using Drydock.Tests.Support;

namespace Drydock.Tests.LayerCache;

/// <summary>The stored form: a result comes back equal, and a damaged entry (cut short, not zstd, not a result, another
/// layer's, an older build's Brotli, one claiming a size past the limit) is a miss, never an exception.</summary>
public sealed class LayerResultCodecTests
{
    [Fact]
    public async Task A_result_comes_back_and_a_damaged_entry_is_a_miss()
    {
        var result = await Analyse.TarAsync(new TarBuilder().Directory("etc").File("etc/os-release", "ID=debian\n").File("big", new string('y', 200_000)).Build());
        var key = LayerCacheKey.For(Digest.Parse(result.DiffId), AnalyzerCatalog.Default(), InputLimits.Default);
        var data = await LayerResultCodec.EncodeAsync(result, CancellationToken.None);

        var back = await LayerResultCodec.DecodeAsync(data, key, CancellationToken.None);
        Assert.NotNull(back);
        Assert.Equal(result.Files, back.Files);

        Assert.Null(await LayerResultCodec.DecodeAsync(data[..(data.Length / 2)], key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync([], key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync("not zstd at all"u8.ToArray(), key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync(Zstd("{\"unrelated\": true}"u8.ToArray()), key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync(Zstd("[1, 2"u8.ToArray()), key, CancellationToken.None));

        // What builds before zstd stored: the same JSON under Brotli. A miss, so the store overwrites it.
        Assert.Null(await LayerResultCodec.DecodeAsync(Brotli(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(result, LayerResultJsonContext.Default.LayerResult))), key, CancellationToken.None));

        // A frame header may claim any size: past the limit it is refused before anything is allocated.
        var claimsHuge = Zstd(new byte[64]);
        Assert.True(ZstdSharp.Decompressor.GetDecompressedSize(claimsHuge) == 64);
        claimsHuge = PatchContentSize(claimsHuge, (ulong)LayerResultCodec.MaxDecodedBytes + 1);
        Assert.Null(await LayerResultCodec.DecodeAsync(claimsHuge, key, CancellationToken.None));
        var otherLayer = LayerCacheKey.For(Digest.Sha256Of("other"u8), AnalyzerCatalog.Default(), InputLimits.Default);
        Assert.Null(await LayerResultCodec.DecodeAsync(data, otherLayer, CancellationToken.None));
    }

    private static byte[] Zstd(byte[] plain)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(plain).ToArray();
    }

    // A single frame whose header says it holds `size` bytes: magic, a descriptor for an 8-byte content size in a single
    // segment, the size, then the original blocks (RFC 8878, 3.1.1.1).
    private static byte[] PatchContentSize(byte[] frame, ulong size)
    {
        var descriptor = frame[4];
        var sizeBytes = (descriptor >> 6) switch { 0 => (descriptor & 0x20) != 0 ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        var hasWindow = (descriptor & 0x20) == 0;
        var dictionaryBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        var headerEnd = 5 + (hasWindow ? 1 : 0) + dictionaryBytes + sizeBytes;
        var patched = new List<byte>(frame[..4]) { (byte)(0xC0 | 0x20 | (descriptor & 0x07)) };
        patched.AddRange(frame.AsSpan(5 + (hasWindow ? 1 : 0), dictionaryBytes).ToArray());
        patched.AddRange(BitConverter.GetBytes(size));
        patched.AddRange(frame[headerEnd..]);
        return [.. patched];
    }

    private static byte[] Brotli(byte[] plain)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(plain);
        }

        return buffer.ToArray();
    }
}
