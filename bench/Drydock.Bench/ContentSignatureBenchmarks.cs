using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Drydock.Analysis.Content.Signatures;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>The content signatures over the bytes of the Debian layer's regular files, held in memory: the anchor
/// matcher alone over every byte (its throughput, MB/s = bytes printed at setup / mean), the rejected alternative
/// (<see cref="SearchValues{T}"/> of the same anchors over Latin-1-widened chunks), a single-literal vectorised
/// search as the memchr-class floor, and the whole per-file scan as the analyzer runs it (opaque formats skipped).</summary>
[MemoryDiagnoser]
public class ContentSignatureBenchmarks
{
    private const int Chunk = 64 * 1024;

    private List<byte[]> _files = null!;
    private List<(string Path, byte[] Content)> _scanned = null!;
    private SearchValues<string> _searchValues = null!;
    private int _longestAnchor;

    [GlobalSetup]
    public async Task Setup()
    {
        var image = TestImage.Debian();
        _files = [];
        _scanned = [];
        var reader = new LayerReader(Blobs.Open(image.LayerBlob), image.MediaType, image.DiffId, InputLimits.Default, "debian");
        await foreach (var entry in reader.ReadAsync(CancellationToken.None))
        {
            if (entry.Info.Kind != EntryKind.File || entry.Data is null || entry.Info.Size < MalwareSignatureAnalyzer.MinSize)
            {
                continue;
            }

            var content = new byte[entry.Info.Size];
            await entry.Data.ReadExactlyAsync(content);
            _files.Add(content);
            if (!OpaqueFormat.Is(content.AsSpan(0, Math.Min(content.Length, 512))))
            {
                _scanned.Add((entry.Info.Path, content));
            }
        }

        var anchors = SignatureScanner.Default.Anchors;
        _searchValues = SearchValues.Create([.. anchors.Select(a => a.Text)], StringComparison.OrdinalIgnoreCase);
        _longestAnchor = anchors.Max(a => a.Text.Length);
        Console.WriteLine($"// content: {_files.Sum(f => (long)f.Length):N0} bytes in {_files.Count:N0} files; "
            + $"{_scanned.Sum(f => (long)f.Content.Length):N0} bytes in {_scanned.Count:N0} files after skipping opaque formats; {anchors.Count} anchors");
    }

    /// <summary>The anchor matcher over every byte of every file.</summary>
    [Benchmark(Baseline = true, Description = "AnchorMatcher, all bytes")]
    public int Matcher()
    {
        var matcher = SignatureScanner.Default.Matcher;
        var hits = 0;
        foreach (var f in _files)
        {
            hits += matcher.Find(f)?.Count ?? 0;
        }

        return hits;
    }

    /// <summary>SearchValues of the same anchors (Teddy, ignoring case) over Latin-1-widened 64 KiB chunks.</summary>
    [Benchmark(Description = "SearchValues<string>, all bytes")]
    public int SearchValuesOfStrings()
    {
        var buffer = ArrayPool<char>.Shared.Rent(Chunk + _longestAnchor);
        var hits = 0;
        foreach (var f in _files)
        {
            for (var at = 0; at < f.Length; at += Chunk)
            {
                var n = Encoding.Latin1.GetChars(f.AsSpan(at, Math.Min(f.Length - at, Chunk + _longestAnchor - 1)), buffer);
                var span = buffer.AsSpan(0, n);
                var limit = Math.Min(n, Chunk);
                for (var i = 0; i < limit;)
                {
                    var k = span[i..].IndexOfAny(_searchValues);
                    if (k < 0 || i + k >= limit)
                    {
                        break;
                    }

                    hits++;
                    i += k + 1;
                }
            }
        }

        ArrayPool<char>.Shared.Return(buffer);
        return hits;
    }

    /// <summary>One literal with the runtime's vectorised IndexOf: what a single-pattern search costs.</summary>
    [Benchmark(Description = "IndexOf one literal, all bytes")]
    public int OneLiteral()
    {
        var hits = 0;
        foreach (var f in _files)
        {
            ReadOnlySpan<byte> span = f;
            int k;
            while ((k = span.IndexOf("stratum+tcp://"u8)) >= 0)
            {
                hits++;
                span = span[(k + 1)..];
            }
        }

        return hits;
    }

    /// <summary>The analyzer's work per file: matcher, verification, rules (opaque formats skipped, as the analyzer does).</summary>
    [Benchmark(Description = "SignatureScanner.Scan, analysed files")]
    public int Scan()
    {
        var findings = 0;
        foreach (var (path, content) in _scanned)
        {
            findings += SignatureScanner.Default.Scan(path, content)?.Count ?? 0;
        }

        return findings;
    }
}
