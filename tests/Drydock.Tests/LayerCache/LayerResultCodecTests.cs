using System.IO.Compression;
using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.Layers;
using Drydock.References;
using Drydock.Tests.Support;

namespace Drydock.Tests.LayerCache;

/// <summary>The stored form: a result comes back equal, and a damaged entry (cut short, not Brotli, not a result, another
/// layer's) is a miss, never an exception.</summary>
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
        Assert.Null(await LayerResultCodec.DecodeAsync("not brotli at all"u8.ToArray(), key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync(Brotli("{\"unrelated\": true}"u8.ToArray()), key, CancellationToken.None));
        Assert.Null(await LayerResultCodec.DecodeAsync(Brotli("[1, 2"u8.ToArray()), key, CancellationToken.None));
        var otherLayer = LayerCacheKey.For(Digest.Sha256Of("other"u8), AnalyzerCatalog.Default(), InputLimits.Default);
        Assert.Null(await LayerResultCodec.DecodeAsync(data, otherLayer, CancellationToken.None));
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
