using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>Walks one layer once and hands each entry to the analyzers that asked for it, reading a file's
/// bytes at most once however many analyzers want them.</summary>
public sealed class LayerAnalysisRunner(AnalyzerCatalog catalog, InputLimits limits, string? scratchRoot = null)
{
    // An array, not the catalog's read-only list: the loops run once per entry and analyzer.
    private readonly IAnalyzer[] _analyzers = [.. catalog.Analyzers];

    /// <summary>How many leading bytes <see cref="AnalyzerNeed.Head"/> delivers.</summary>
    public const int HeadSize = 512;

    /// <summary>Files at least this large whose hash an analyzer will want are hashed on the thread pool while the
    /// analyzers run (smaller ones are not worth the hand-over).</summary>
    public const int EarlyDigestBytes = 256 * 1024;

    /// <summary>Reads <paramref name="reader"/> to its end and returns the layer's result. Two stages overlap: this
    /// task walks the layer (decompression, tar headers, reading the bytes analyzers asked for) while another runs the
    /// analyzers on the entries already read, in order, so content analysis uses a second core instead of adding to
    /// the walk. The bytes handed over and not yet analysed are bounded by <see cref="InFlightBytes"/>.</summary>
    public async Task<LayerResult> RunAsync(LayerReader reader, string layerName, CancellationToken cancellationToken)
    {
        var builder = scratchRoot is null ? new LayerResultBuilder() : new LayerResultBuilder { ScratchRoot = scratchRoot };
        var handOver = Channel.CreateBounded<List<ReadEntry>>(new BoundedChannelOptions(HandOverBatches) { SingleReader = true, SingleWriter = true });
        var budget = new ByteBudget(InFlightBytes);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var analysis = Task.Run(() => AnalyseAsync(handOver.Reader, budget, builder, layerName, stop), CancellationToken.None);
        try
        {
            try
            {
                await WalkAsync(reader, handOver.Writer, budget, stop.Token).ConfigureAwait(false);
                handOver.Writer.Complete();
            }
            catch (Exception e)
            {
                handOver.Writer.TryComplete(e);
                await stop.CancelAsync().ConfigureAwait(false);
                await DrainAsync(analysis, handOver.Reader).ConfigureAwait(false);
                if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested && analysis.Exception?.InnerException is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure); // the walk only stopped because the analysis stage failed
                }

                throw;
            }

            await analysis.ConfigureAwait(false);
        }
        finally
        {
            builder.DeleteScratch();
        }

        var summary = reader.Summary ?? throw new InvalidOperationException("layer reader finished without a summary");
        foreach (var warning in summary.Warnings)
        {
            builder.Warn(warning with { Layer = summary.DiffId.ToString() });
        }

        return builder.Build(summary.DiffId.ToString(), summary.Compression.ToString().ToLowerInvariant(), summary.UncompressedBytes, summary.EntryCount);
    }

    /// <summary>Bytes read ahead of the analyzers at most (one larger file is still admitted alone).</summary>
    public const long InFlightBytes = 32L * 1024 * 1024;

    // Entries go over in batches, so that the two stages meet once per batch rather than once per file.
    private const int HandOverBatches = 64;
    private const int BatchEntries = 64;
    private const int BatchBytes = 256 * 1024;

    // The walk: asks every analyzer what it needs of each entry and reads that much, once.
    private async Task WalkAsync(LayerReader reader, ChannelWriter<List<ReadEntry>> handOver, ByteBudget budget, CancellationToken cancellationToken)
    {
        var analyzers = _analyzers;
        var head = new byte[HeadSize];
        var batch = new List<ReadEntry>(BatchEntries);
        long batchBytes = 0;
        async ValueTask HandAsync(ReadEntry? read, bool flush)
        {
            if (read is not null)
            {
                batch.Add(read);
                batchBytes += read.Weight;
            }

            if (batch.Count > 0 && (flush || batch.Count >= BatchEntries || batchBytes >= BatchBytes))
            {
                await handOver.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                batch = new List<ReadEntry>(BatchEntries);
                batchBytes = 0;
            }
        }

        await foreach (var entry in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var info = entry.Info;
            if (info.Kind is EntryKind.Whiteout or EntryKind.OpaqueWhiteout)
            {
                await HandAsync(ReadEntry.MetadataOnly(info, []), flush: false).ConfigureAwait(false);
                continue;
            }

            var needs = new AnalyzerNeed[analyzers.Length];
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

            if (entry.Data is not { } data || most < AnalyzerNeed.Head)
            {
                await HandAsync(ReadEntry.MetadataOnly(info, needs), flush: false).ConfigureAwait(false);
                continue;
            }

            var want = (int)Math.Min(info.Size, HeadSize);
            var headLength = await data.ReadAtLeastAsync(head.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (most == AnalyzerNeed.Content && !ConfirmContent(analyzers, needs, info, head.AsSpan(0, headLength)))
            {
                most = AnalyzerNeed.Head;
            }

            var skipped = most == AnalyzerNeed.Content && info.Size > limits.MaxAnalyzedFileBytes;
            var size = most == AnalyzerNeed.Content && !skipped ? (int)info.Size : headLength;
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            var handed = false;
            try
            {
                if (!budget.TryTake(buffer.Length))
                {
                    await HandAsync(null, flush: true).ConfigureAwait(false); // what waits in the batch must reach the stage that frees the budget
                    await budget.TakeAsync(buffer.Length, cancellationToken).ConfigureAwait(false);
                }

                head.AsSpan(0, headLength).CopyTo(buffer);
                var contentLength = 0;
                if (most == AnalyzerNeed.Content && !skipped)
                {
                    contentLength = headLength + await data.ReadAtLeastAsync(buffer.AsMemory(headLength, size - headLength), size - headLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }

                await HandAsync(new ReadEntry(info, needs, buffer, headLength, contentLength, skipped), flush: false).ConfigureAwait(false);
                handed = true;
            }
            finally
            {
                if (!handed)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        await HandAsync(null, flush: true).ConfigureAwait(false);
    }

    // The analysis stage: runs the analyzers on each entry in walk order, so the result is the same as one thread's.
    private async Task AnalyseAsync(ChannelReader<List<ReadEntry>> handOver, ByteBudget budget, LayerResultBuilder builder, string layerName, CancellationTokenSource stop)
    {
        var analyzers = _analyzers;
        var digest = new ContentDigest();
        try
        {
            await foreach (var batch in handOver.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                foreach (var read in batch)
                {
                    try
                    {
                        Analyse(analyzers, read, digest, builder, layerName);
                    }
                    finally
                    {
                        read.ReturnBuffer();
                        budget.Release(read.Weight);
                    }
                }
            }
        }
        catch (Exception)
        {
            await stop.CancelAsync().ConfigureAwait(false); // the walk must not wait for a stage that is gone
            throw;
        }
    }

    private void Analyse(IAnalyzer[] analyzers, ReadEntry read, ContentDigest digest, LayerResultBuilder builder, string layerName)
    {
        var info = read.Info;
        switch (info.Kind)
        {
            case EntryKind.Whiteout:
                builder.AddWhiteout(info.Path);
                return;
            case EntryKind.OpaqueWhiteout:
                builder.AddOpaqueDirectory(info.Path);
                return;
        }

        if (read.ContentSkipped)
        {
            builder.CountSkippedLargeFile();
            builder.Warn(new Diagnostic("file-too-large", $"{info.Size}-byte file not analysed (limit {limits.MaxAnalyzedFileBytes}, --max-analyzed-file-size)", info.Path));
        }

        var head = read.Buffer.AsSpan(0, read.HeadLength);
        digest.Reset(read.Buffer, read.ContentLength);
        if (read.ContentLength >= EarlyDigestBytes && WillHash(analyzers, read.Needs, info, head))
        {
            digest.Start();
        }

        try
        {
            Dispatch(analyzers, read.Needs, info, head, read.Buffer.AsSpan(0, read.ContentLength), read.ContentSkipped, digest, builder, layerName);
        }
        finally
        {
            digest.Settle(); // the early hash reads the buffer: it must finish before the buffer goes back to the pool
        }
    }

    // After a failed walk: lets the analysis stage stop, then returns the buffers it never took.
    private static async Task DrainAsync(Task analysis, ChannelReader<List<ReadEntry>> handOver)
    {
        try
        {
            await analysis.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The walk's exception is the one reported; the analysis stage only stopped because of it.
        }

        while (handOver.TryRead(out var left))
        {
            left.ForEach(read => read.ReturnBuffer());
        }
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
