using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>The warm path's core: storing and fetching the Debian layer's result in the SQLite layer cache
/// (Brotli-compressed JSON), in a temporary directory.</summary>
[MemoryDiagnoser]
public class LayerCacheBenchmarks
{
    private string _directory = "";
    private SqliteLayerResultStore _store = null!;
    private LayerResult _result = null!;
    private LayerCacheKey _key;

    [GlobalSetup]
    public async Task Setup()
    {
        var image = TestImage.Debian();
        _result = await DebianAnalysis.RunAsync(image);
        _key = LayerCacheKey.For(image.DiffId, AnalyzerCatalog.Default(), InputLimits.Default);
        _directory = Directory.CreateTempSubdirectory("drydock-bench-cache-").FullName;
        _store = await SqliteLayerResultStore.OpenAsync(_directory, CancellationToken.None);
        await _store.PutAsync(_key, _result, CancellationToken.None);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A cache hit: read, decompress and deserialise the stored result.</summary>
    [Benchmark(Description = "TryGet (hit)")]
    public async Task<int> Get()
    {
        var result = await _store.TryGetAsync(_key, CancellationToken.None) ?? throw new InvalidOperationException("cache miss");
        return result.Files.Count;
    }

    /// <summary>Storing the result (serialise, compress, upsert).</summary>
    [Benchmark(Description = "Put")]
    public Task Put() => _store.PutAsync(_key, _result, CancellationToken.None);
}
