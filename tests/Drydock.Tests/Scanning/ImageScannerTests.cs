using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Scanning;

public sealed class ImageScannerTests
{
    private static InMemoryImage ThreeLayers() => new(
        new TarBuilder().Directory("etc").File("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n").File("etc/alpine-release", "3.19.1\n").File("etc/secret", "s").Build(),
        new TarBuilder().Directory("app").File("app/run.sh", "#!/bin/sh\n", mode: 0x1ed).Build(),
        new TarBuilder().Whiteout("etc/secret").Build());

    private static ImageScanner Scanner(InMemoryImage image, ILayerResultStore store)
        => new(new ImageOpener([image]), AnalyzerCatalog.Default(), store);

    [Fact]
    public async Task Scan_merges_layers_detects_os_and_keeps_deleted_history()
    {
        var image = ThreeLayers();
        var result = await Scanner(image, new NoLayerResultStore()).ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None);

        Assert.Equal(("alpine", "3.19.1"), (result.Os!.Family, result.Os.Version));
        Assert.Equal(3, result.Statistics.LayersAnalysed);
        Assert.False(result.Merged.TryGet("etc/secret", out _));
        Assert.Equal("etc/secret", Assert.Single(result.Merged.Deleted).Record.Path);
        Assert.Equal(1, result.Census.Scripts);
        Assert.Equal(3, image.Opens);
    }

    [Fact]
    public async Task Second_scan_reads_no_layer_from_the_source()
    {
        var dir = RepoPaths.Scratch("cache");
        var image = ThreeLayers();
        await using (var store = await SqliteLayerResultStore.OpenAsync(dir, CancellationToken.None))
        {
            var first = await Scanner(image, store).ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None);
            Assert.Equal(0, first.Statistics.LayersFromCache);
        }

        var opensAfterFirst = image.Opens;
        await using (var store = await SqliteLayerResultStore.OpenAsync(dir, CancellationToken.None))
        {
            var second = await Scanner(image, store).ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None);
            Assert.Equal(3, second.Statistics.LayersFromCache);
            Assert.Equal(opensAfterFirst, image.Opens);
            Assert.Equal(("alpine", "3.19.1"), (second.Os!.Family, second.Os.Version));
            Assert.Equal("etc/secret", Assert.Single(second.Merged.Deleted).Record.Path);
        }
    }

    [Fact]
    public async Task Scans_side_by_side_with_one_gate_analyse_each_shared_layer_once()
    {
        var image = ThreeLayers();
        await using var store = await SqliteLayerResultStore.OpenAsync(RepoPaths.Scratch("gate-cache"), CancellationToken.None);
        var scanner = new ImageScanner(new ImageOpener([image]), AnalyzerCatalog.Default(), store, new LayerAnalysisGate());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => scanner.ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None))));

        Assert.Equal(3, results.Sum(r => r.Statistics.LayersAnalysed));
        Assert.Equal(8 * 3 - 3, results.Sum(r => r.Statistics.LayersFromCache));
        Assert.Equal(3, image.Opens);
        Assert.All(results, r => Assert.Equal("etc/secret", Assert.Single(r.Merged.Deleted).Record.Path));
    }

    [Fact]
    public async Task Corrupted_layer_blob_fails_the_scan_with_a_digest_error()
    {
        var image = new CorruptImage(ThreeLayers());
        var scanner = new ImageScanner(new ImageOpener([image]), AnalyzerCatalog.Default(), new NoLayerResultStore());
        var error = await Assert.ThrowsAnyAsync<DrydockInputException>(() => scanner.ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None));
        // The gzip trailer check or the digest check fires first, depending on where the byte sits; both name the layer.
        Assert.Matches("layer 2.*(digest|corrupt)", error.Message);
    }

    /// <summary>Serves the same layers but flips one byte in the last layer's blob.</summary>
    private sealed class CorruptImage(InMemoryImage inner) : IImage, IImageSource
    {
        public Drydock.References.ImageTransport Transport => inner.Transport;
        public Drydock.References.ImageReference Reference => inner.Reference;
        public Drydock.References.Digest? ManifestDigest => null;
        public Drydock.References.Digest? ConfigDigest => null;
        public string? ManifestMediaType => inner.ManifestMediaType;
        public Drydock.References.Platform Platform => inner.Platform;
        public Drydock.Sources.Manifests.ImageConfigFile Config => inner.Config;
        public IReadOnlyDictionary<string, string> Annotations => inner.Annotations;
        public IReadOnlyList<ILayer> Layers => [.. inner.Layers.Select((l, i) => i == 2 ? new FlippedLayer(l) : l)];
        public Task<IImage> OpenAsync(Drydock.References.ImageReference reference, SourceOptions options, CancellationToken cancellationToken) => Task.FromResult<IImage>(this);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class FlippedLayer(ILayer layer) : ILayer
        {
            public int Index => layer.Index;
            public Drydock.References.Digest? Digest => layer.Digest;
            public Drydock.References.Digest? DiffId => layer.DiffId;
            public long Size => layer.Size;
            public string MediaType => layer.MediaType;

            public async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
            {
                // Read the real blob bypassing verification, flip a byte near the end, verify against the original digest.
                var raw = new MemoryStream();
                await using (var s = await layer.OpenAsync(cancellationToken))
                {
                    await s.CopyToAsync(raw, cancellationToken);
                }

                var bytes = raw.ToArray();
                bytes[^5] ^= 0xff;
                return new VerifyingStream(new MemoryStream(bytes), Digest!.Value, bytes.Length, "layer 2");
            }
        }
    }
}
