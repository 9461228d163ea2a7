using System.Diagnostics;
using Drydock.Analysis;
using Drydock.Analysis.Census;
using Drydock.Analysis.Os;
using Drydock.Inventory;
using Drydock.LayerCache;
using Drydock.Layers;
using Drydock.Merge;
using Drydock.References;
using Drydock.Sources;

namespace Drydock.Scanning;

/// <summary>Scans one image: opens it, analyses each layer once (or takes it from the cache), merges and detects.
/// Scanners that run side by side and share a <see cref="LayerAnalysisGate"/> analyse a shared layer once between them.</summary>
public sealed class ImageScanner(ImageOpener opener, AnalyzerCatalog catalog, ILayerResultStore cache, LayerAnalysisGate? gate = null)
{
    /// <summary>Scans <paramref name="reference"/>.</summary>
    public async Task<ScanResult> ScanAsync(ImageReference reference, ScanOptions options, IScanObserver? observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var image = await opener.OpenAsync(reference, options.Source, cancellationToken).ConfigureAwait(false);
        await using (image.ConfigureAwait(false))
        {
            var progress = image.Layers.Select(l => new LayerProgress(l)).ToArray();
            observer?.ImageOpened(image, progress);
            var results = new LayerResultWithOrigin[image.Layers.Count];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, progress.Length), parallel, async (i, ct) =>
            {
                try
                {
                    results[i] = await AnalyseLayerAsync(progress[i], options, observer, ct).ConfigureAwait(false);
                }
                catch
                {
                    progress[i].SetState(LayerState.Failed);
                    observer?.LayerChanged(progress[i]);
                    throw;
                }
            }).ConfigureAwait(false);

            var merged = LayerMerger.Merge(results.Select(r => r.Result).ToList());
            var warnings = new List<Diagnostic>();
            foreach (var (r, i) in results.Select((r, i) => (r, i)))
            {
                warnings.AddRange(r.Result.Warnings.Select(w => w with { Layer = w.Layer ?? r.Result.DiffId }));
            }

            var os = OsDetector.Detect(path => FindReleaseFile(merged, path, warnings));
            var census = CensusSummary.Of(merged.Files.Values.Select(f => f.Record));
            var inventory = InventoryBuilder.Build(merged, os);
            var statistics = new ScanStatistics(
                results.Count(r => !r.FromCache),
                results.Count(r => r.FromCache),
                progress.Sum(p => p.BytesRead),
                clock.Elapsed);
            return new ScanResult(ScannedImage.From(image, results), results, merged, os, census, inventory, warnings, statistics);
        }
    }

    private async Task<LayerResultWithOrigin> AnalyseLayerAsync(LayerProgress progress, ScanOptions options, IScanObserver? observer, CancellationToken cancellationToken)
    {
        var layer = progress.Layer;
        LayerCacheKey? key = layer.DiffId is { } diffId && catalog.Cacheable ? LayerCacheKey.For(diffId, catalog, options.Limits) : null;
        // Held from the look-up to the store's write: a second scan of the same layer waits, then finds the result.
        using var turn = key is { } gated && gate is not null ? await gate.EnterAsync(gated, cancellationToken).ConfigureAwait(false) : null;
        if (key is { } k && await cache.TryGetAsync(k, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            progress.Complete(0, cached.EntryCount);
            progress.SetState(LayerState.Cached);
            observer?.LayerChanged(progress);
            return new LayerResultWithOrigin(cached, true);
        }

        progress.SetState(LayerState.Reading);
        observer?.LayerChanged(progress);
        var name = $"layer {layer.Index} ({layer.Digest?.ToString() ?? layer.DiffId?.ToString() ?? "rootfs"})";
        var blob = await layer.OpenAsync(cancellationToken).ConfigureAwait(false);
        var reader = new LayerReader(blob, layer.MediaType, layer.DiffId, options.Limits, name);
        progress.Attach(reader);
        var result = await new LayerAnalysisRunner(catalog, options.Limits, options.ScratchDirectory).RunAsync(reader, name, cancellationToken).ConfigureAwait(false);
        progress.Complete(reader.CompressedBytesRead, reader.EntriesRead);
        if (key is { } storeKey)
        {
            await cache.PutAsync(storeKey, result, cancellationToken).ConfigureAwait(false);
        }

        progress.SetState(LayerState.Done);
        observer?.LayerChanged(progress);
        return new LayerResultWithOrigin(result, false);
    }

    private static OsReleaseFile? FindReleaseFile(MergedImage merged, string path, List<Diagnostic> warnings)
    {
        if (!merged.TryResolve(path, out var resolved, out var loop))
        {
            if (loop)
            {
                warnings.Add(new Diagnostic("symlink-loop", $"symlink loop while resolving /{path}", path));
            }

            return null;
        }

        if (!merged.TryGet(resolved, out var file))
        {
            return null;
        }

        var layer = merged.Layers[file.Layer];
        var index = layer.OsReleaseFiles.BinarySearch(new OsReleaseFile(resolved, []), ReleaseFilePathComparer.Instance);
        return index >= 0 ? layer.OsReleaseFiles[index] : null;
    }

    private sealed class ReleaseFilePathComparer : IComparer<OsReleaseFile>
    {
        public static readonly ReleaseFilePathComparer Instance = new();

        public int Compare(OsReleaseFile? x, OsReleaseFile? y) => string.CompareOrdinal(x?.Path, y?.Path);
    }
}
