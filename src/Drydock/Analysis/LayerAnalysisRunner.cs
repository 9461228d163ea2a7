using System.Buffers;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>Walks one layer once and hands each entry to the analyzers that asked for it, reading a file's
/// bytes at most once however many analyzers want them.</summary>
public sealed class LayerAnalysisRunner(AnalyzerCatalog catalog, InputLimits limits, string? scratchRoot = null)
{
    /// <summary>How many leading bytes <see cref="AnalyzerNeed.Head"/> delivers.</summary>
    public const int HeadSize = 512;

    /// <summary>Files at least this large whose hash an analyzer will want are hashed on the thread pool while the
    /// analyzers run (smaller ones are not worth the hand-over).</summary>
    public const int EarlyDigestBytes = 256 * 1024;

    private const int KeptBufferSize = 4 * 1024 * 1024;

    /// <summary>Reads <paramref name="reader"/> to its end and returns the layer's result.</summary>
    public async Task<LayerResult> RunAsync(LayerReader reader, string layerName, CancellationToken cancellationToken)
    {
        // An array, not the catalog's read-only list: the loops below run once per entry and analyzer.
        var analyzers = catalog.Analyzers.ToArray();
        var needs = new AnalyzerNeed[analyzers.Length];
        var builder = scratchRoot is null ? new LayerResultBuilder() : new LayerResultBuilder { ScratchRoot = scratchRoot };
        var head = new byte[HeadSize];
        byte[] content = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var digest = new ContentDigest();
        try
        {
            await foreach (var entry in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var info = entry.Info;
                if (info.Kind == EntryKind.Whiteout)
                {
                    builder.AddWhiteout(info.Path);
                    continue;
                }

                if (info.Kind == EntryKind.OpaqueWhiteout)
                {
                    builder.AddOpaqueDirectory(info.Path);
                    continue;
                }

                var most = AnalyzerNeed.None;
                for (var i = 0; i < analyzers.Length; i++)
                {
                    needs[i] = analyzers[i].Required(info);
                    if (needs[i] > most)
                    {
                        most = needs[i];
                    }
                }

                if (most == AnalyzerNeed.None)
                {
                    continue;
                }

                digest.Reset(content, 0);
                var headLength = 0;
                var contentLength = 0;
                var contentSkipped = false;
                if (entry.Data is { } data && most >= AnalyzerNeed.Head)
                {
                    var want = (int)Math.Min(info.Size, HeadSize);
                    headLength = await data.ReadAtLeastAsync(head.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (most == AnalyzerNeed.Content && !ConfirmContent(analyzers, needs, info, head.AsSpan(0, headLength)))
                    {
                        most = AnalyzerNeed.Head;
                    }

                    if (most == AnalyzerNeed.Content && info.Size > limits.MaxAnalyzedFileBytes)
                    {
                        contentSkipped = true;
                        builder.CountSkippedLargeFile();
                        builder.Warn(new Diagnostic("file-too-large", $"{info.Size}-byte file not analysed (limit {limits.MaxAnalyzedFileBytes}, --max-analyzed-file-size)", info.Path));
                    }
                    else if (most == AnalyzerNeed.Content)
                    {
                        var size = (int)info.Size;
                        if (content.Length < size)
                        {
                            ArrayPool<byte>.Shared.Return(content);
                            content = ArrayPool<byte>.Shared.Rent(size);
                        }

                        head.AsSpan(0, headLength).CopyTo(content);
                        contentLength = headLength + await data.ReadAtLeastAsync(content.AsMemory(headLength, size - headLength), size - headLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                        digest.Reset(content, contentLength);
                        if (contentLength >= EarlyDigestBytes && WillHash(analyzers, needs, info, head.AsSpan(0, headLength)))
                        {
                            digest.Start();
                        }
                    }
                }

                try
                {
                    Dispatch(analyzers, needs, info, head.AsSpan(0, headLength), content.AsSpan(0, contentLength), contentSkipped, digest, builder, layerName);
                }
                finally
                {
                    digest.Settle(); // the early hash reads the buffer: it must finish before the buffer is reused
                }

                if (content.Length > KeptBufferSize)
                {
                    // Do not hold a large file's buffer for the rest of the layer.
                    ArrayPool<byte>.Shared.Return(content);
                    content = ArrayPool<byte>.Shared.Rent(KeptBufferSize);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
            builder.DeleteScratch();
        }

        var summary = reader.Summary ?? throw new InvalidOperationException("layer reader finished without a summary");
        foreach (var warning in summary.Warnings)
        {
            builder.Warn(warning with { Layer = summary.DiffId.ToString() });
        }

        return builder.Build(summary.DiffId.ToString(), summary.Compression.ToString().ToLowerInvariant(), summary.UncompressedBytes, summary.EntryCount);
    }

    // Analyzers that filter by the first bytes drop to None for files they turn down; true when one still wants content.
    private static bool ConfirmContent(IAnalyzer[] analyzers, AnalyzerNeed[] needs, EntryInfo info, ReadOnlySpan<byte> head)
    {
        var wanted = false;
        for (var i = 0; i < analyzers.Length; i++)
        {
            if (needs[i] != AnalyzerNeed.Content)
            {
                continue;
            }

            if (analyzers[i] is IContentFilter filter && !filter.WantsContent(info, head))
            {
                needs[i] = AnalyzerNeed.None;
                continue;
            }

            wanted = true;
        }

        return wanted;
    }

    // True when an analyzer that gets the content will take its SHA-256.
    private static bool WillHash(IAnalyzer[] analyzers, AnalyzerNeed[] needs, EntryInfo info, ReadOnlySpan<byte> head)
    {
        for (var i = 0; i < analyzers.Length; i++)
        {
            if (needs[i] == AnalyzerNeed.Content && analyzers[i] is IDigestConsumer consumer && consumer.HashesContent(info, head))
            {
                return true;
            }
        }

        return false;
    }

    // When the hash was started early, the analyzers that take it run last, so that it overlaps the others' work.
    private static void Dispatch(IAnalyzer[] analyzers, AnalyzerNeed[] needs, EntryInfo info, ReadOnlySpan<byte> head,
        ReadOnlySpan<byte> content, bool contentSkipped, ContentDigest digest, LayerResultBuilder builder, string layerName)
    {
        for (var pass = 0; pass < (digest.Started ? 2 : 1); pass++)
        {
            for (var i = 0; i < analyzers.Length; i++)
            {
                if (needs[i] == AnalyzerNeed.None || (contentSkipped && needs[i] == AnalyzerNeed.Content))
                {
                    continue; // a skipped file was counted and warned about; the analyzer never sees half of it
                }

                if (digest.Started && (analyzers[i] is IDigestConsumer) != (pass == 1))
                {
                    continue;
                }

                var input = needs[i] == AnalyzerNeed.Content ? new AnalyzerInput(info, head, content, digest) : new AnalyzerInput(info, head, default);
                try
                {
                    analyzers[i].Analyze(input, builder);
                }
                catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
                {
                    builder.Warn(new Diagnostic("analyzer-failed", $"{analyzers[i].Id} could not analyse the file in {layerName}: {e.Message}", info.Path));
                }
            }
        }
    }
}
