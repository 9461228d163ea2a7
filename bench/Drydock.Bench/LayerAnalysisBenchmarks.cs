using BenchmarkDotNet.Attributes;
using Drydock.Analysis;

namespace Drydock.Bench;

/// <summary>One cold layer analysis: <see cref="LayerAnalysisRunner"/> with the default catalog over the Debian layer.</summary>
[MemoryDiagnoser]
public class LayerAnalysisBenchmarks
{
    private TestImage _image = null!;

    [GlobalSetup]
    public void Setup() => _image = TestImage.Debian();

    /// <summary>Reads and analyses the layer; returns the census size.</summary>
    [Benchmark(Description = "LayerAnalysisRunner (default catalog)")]
    public async Task<int> Analyse()
    {
        var result = await DebianAnalysis.RunAsync(_image);
        return result.Files.Count;
    }

    /// <summary>The inventory alone (<c>--scanners vuln</c>), the baseline of the content scan's cost.</summary>
    [Benchmark(Baseline = true, Description = "LayerAnalysisRunner (--scanners vuln)")]
    public async Task<int> Inventory()
    {
        var result = await DebianAnalysis.RunAsync(_image, AnalyzerCatalog.For(Scanners.Vulnerabilities));
        return result.Files.Count;
    }

    /// <summary>The inventory with the malware analyzers (<c>--scanners vuln,malware</c>): every file's content scanned.</summary>
    [Benchmark(Description = "LayerAnalysisRunner (--scanners vuln,malware)")]
    public async Task<int> InventoryAndMalware()
    {
        var result = await DebianAnalysis.RunAsync(_image, AnalyzerCatalog.For(Scanners.Vulnerabilities | Scanners.Malware));
        return result.Files.Count;
    }
}
