using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.Layers;

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
}
