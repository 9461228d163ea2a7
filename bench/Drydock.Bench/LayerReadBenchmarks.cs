using System.IO.Compression;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>Reading the Debian layer in stages: gunzip alone (the in-process floor), gunzip plus the diff-ID
/// hash, and the full <see cref="LayerReader"/> walk. The differences show what each stage costs.</summary>
[MemoryDiagnoser]
public class LayerReadBenchmarks // not sealed: BenchmarkDotNet derives its runner from the class
{
    private TestImage _image = null!;

    [GlobalSetup]
    public void Setup() => _image = TestImage.Debian();

    /// <summary>Decompression only, to a discarding sink.</summary>
    [Benchmark(Baseline = true, Description = "gunzip")]
    public async Task<long> Gunzip()
    {
        await using var gzip = new GZipStream(Blobs.Open(_image.LayerBlob), CompressionMode.Decompress);
        return await Blobs.DrainAsync(gzip, null);
    }

    /// <summary>Decompression plus SHA-256 of the tar (what the diff-ID needs).</summary>
    [Benchmark(Description = "gunzip + sha256")]
    public async Task<long> GunzipAndHash()
    {
        await using var gzip = new GZipStream(Blobs.Open(_image.LayerBlob), CompressionMode.Decompress);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        return await Blobs.DrainAsync(gzip, hash);
    }

    /// <summary>The full reader: decompression, hashing, limits, tar headers and path normalisation.</summary>
    [Benchmark(Description = "LayerReader")]
    public async Task<int> ReadEntries()
    {
        var reader = new LayerReader(Blobs.Open(_image.LayerBlob), _image.MediaType, _image.DiffId, InputLimits.Default, "debian");
        var entries = 0;
        await foreach (var _ in reader.ReadAsync(CancellationToken.None))
        {
            entries++;
        }

        return entries;
    }
}
