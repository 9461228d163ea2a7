using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.Analysis.Secrets;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>What the secrets analyzer costs on the Debian layer: a cold layer analysis with the inventory analyzers
/// (as <c>--scanners vuln</c>) against the same with the secrets analyzer added, and the scanner alone over the
/// layer's text files held in memory (its throughput: the text bytes divided by the mean).</summary>
[MemoryDiagnoser]
public class SecretScanBenchmarks // not sealed: BenchmarkDotNet derives its runner from the class
{
    private TestImage _image = null!;
    private List<byte[]> _texts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _image = TestImage.Debian();
        _texts = LoadTextFiles(_image).GetAwaiter().GetResult();
        Console.WriteLine($"// text files the secrets analyzer reads: {_texts.Count:N0}, {_texts.Sum(t => (long)t.Length):N0} bytes");
    }

    /// <summary>Inventory analyzers only.</summary>
    [Benchmark(Baseline = true, Description = "layer, --scanners vuln")]
    public Task<LayerResult> Inventory() => Run(Scanners.Vulnerabilities);

    /// <summary>Inventory plus the secrets analyzer.</summary>
    [Benchmark(Description = "layer, --scanners vuln,secret")]
    public Task<LayerResult> WithSecrets() => Run(Scanners.Vulnerabilities | Scanners.Secrets);

    /// <summary>The scanner over the text files only (no decompression, no tar).</summary>
    [Benchmark(Description = "SecretScanner over the text files")]
    public int ScannerOnly()
    {
        var matches = new List<SecretMatch>();
        foreach (var text in _texts)
        {
            SecretScanner.Default.Scan(text, matches, SecretsAnalyzer.MaxPerFile);
        }

        return matches.Count;
    }

    private Task<LayerResult> Run(Scanners scanners)
    {
        var reader = new LayerReader(Blobs.Open(_image.LayerBlob), _image.MediaType, _image.DiffId, InputLimits.Default, "debian");
        return new LayerAnalysisRunner(AnalyzerCatalog.For(scanners), InputLimits.Default).RunAsync(reader, "debian", CancellationToken.None);
    }

    // The files the analyzer would read: regular, not skipped by path, no NUL in the first bytes.
    private static async Task<List<byte[]>> LoadTextFiles(TestImage image)
    {
        var analyzer = new SecretsAnalyzer();
        var texts = new List<byte[]>();
        var reader = new LayerReader(Blobs.Open(image.LayerBlob), image.MediaType, image.DiffId, InputLimits.Default, "debian");
        await foreach (var entry in reader.ReadAsync(CancellationToken.None))
        {
            if (entry.Data is not { } data || analyzer.Required(entry.Info) != AnalyzerNeed.Content)
            {
                continue;
            }

            var bytes = new byte[entry.Info.Size];
            await data.ReadExactlyAsync(bytes);
            if (analyzer.WantsContent(entry.Info, bytes.AsSpan(0, Math.Min(bytes.Length, LayerAnalysisRunner.HeadSize))))
            {
                texts.Add(bytes);
            }
        }

        return texts;
    }
}
