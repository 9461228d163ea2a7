using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Layers;
using Drydock.References;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.LayerCache;

public sealed class SqliteLayerResultStoreTests
{
    [Fact]
    public async Task Round_trips_a_layer_result()
    {
        var tar = new TarBuilder().Directory("etc").File("etc/os-release", "ID=debian\n").Symlink("bin", "usr/bin").Whiteout("x").Build();
        var result = await Analyse.TarAsync(tar);
        var key = LayerCacheKey.For(Digest.Parse(result.DiffId), AnalyzerCatalog.Default(), InputLimits.Default);
        await using var store = await SqliteLayerResultStore.OpenAsync(RepoPaths.Scratch("store"), CancellationToken.None);

        Assert.Null(await store.TryGetAsync(key, CancellationToken.None));
        await store.PutAsync(key, result, CancellationToken.None);
        var back = await store.TryGetAsync(key, CancellationToken.None);

        Assert.NotNull(back);
        Assert.Equal(result.Files, back.Files);
        Assert.Equal(result.Whiteouts, back.Whiteouts);
        Assert.Equal(result.OsReleaseFiles.Single().Fields, back.OsReleaseFiles.Single().Fields);
        Assert.Equal(result.DiffId, back.DiffId);
    }

    [Fact]
    public void Key_changes_with_analyzer_versions_and_limits_but_not_otherwise()
    {
        var diffId = Digest.Sha256Of("layer"u8);
        var a = LayerCacheKey.For(diffId, AnalyzerCatalog.Default(), InputLimits.Default);
        var b = LayerCacheKey.For(diffId, AnalyzerCatalog.Default(), InputLimits.Default);
        var fewer = LayerCacheKey.For(diffId, new AnalyzerCatalog([new Drydock.Analysis.Census.FileCensusAnalyzer()]), InputLimits.Default);
        var limits = LayerCacheKey.For(diffId, AnalyzerCatalog.Default(), InputLimits.Default with { MaxAnalyzedFileBytes = 1 });
        var other = LayerCacheKey.For(Digest.Sha256Of("other"u8), AnalyzerCatalog.Default(), InputLimits.Default);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Value, fewer.Value);
        Assert.NotEqual(a.Value, limits.Value);
        Assert.NotEqual(a.Value, other.Value);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_on_one_file_do_not_corrupt_it()
    {
        var dir = RepoPaths.Scratch("concurrent");
        var results = new List<(LayerCacheKey Key, LayerResult Result)>();
        for (var i = 0; i < 24; i++)
        {
            var r = await Analyse.TarAsync(new TarBuilder().File($"file{i}", new string('x', i * 100)).Build());
            results.Add((LayerCacheKey.For(Digest.Parse(r.DiffId), AnalyzerCatalog.Default(), InputLimits.Default), r));
        }

        // Three independent stores (as three processes would open it) write and read at once.
        var stores = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SqliteLayerResultStore.OpenAsync(dir, CancellationToken.None)));
        await Task.WhenAll(stores.SelectMany((store, s) => results.Select(async (entry, i) =>
        {
            await store.PutAsync(entry.Key, entry.Result, CancellationToken.None);
            var back = await stores[(s + 1) % 3].TryGetAsync(results[(i + 7) % results.Count].Key, CancellationToken.None);
            if (back is not null)
            {
                Assert.Equal(results[(i + 7) % results.Count].Result.DiffId, back.DiffId);
            }
        })));

        foreach (var (key, result) in results)
        {
            var back = await stores[0].TryGetAsync(key, CancellationToken.None);
            Assert.Equal(result.Files, back!.Files);
        }

        var (count, _) = await stores[0].StatisticsAsync(CancellationToken.None);
        Assert.Equal(24, count);
        foreach (var s in stores)
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_garbage_database_file_gives_a_clear_error()
    {
        var dir = RepoPaths.Scratch("garbage");
        await File.WriteAllTextAsync(Path.Combine(dir, SqliteLayerResultStore.FileName), new string('z', 4096));
        var error = await Assert.ThrowsAsync<DrydockInputException>(() => SqliteLayerResultStore.OpenAsync(dir, CancellationToken.None));
        Assert.Contains("cache clean", error.Message);
    }
}
