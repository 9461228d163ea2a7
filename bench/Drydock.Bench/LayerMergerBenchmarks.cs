using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.Merge;

namespace Drydock.Bench;

/// <summary><see cref="LayerMerger.Merge"/> over the Debian layer's result, alone and stacked twice
/// (the upper copy then overwrites every path of the lower one).</summary>
[MemoryDiagnoser]
public class LayerMergerBenchmarks
{
    private LayerResult[] _one = [];
    private LayerResult[] _two = [];

    [GlobalSetup]
    public async Task Setup()
    {
        var result = await DebianAnalysis.RunAsync(TestImage.Debian());
        _one = [result];
        _two = [result, result];
    }

    /// <summary>Merges the single layer.</summary>
    [Benchmark(Baseline = true, Description = "Merge debian")]
    public int MergeOne() => LayerMerger.Merge(_one).Files.Count;

    /// <summary>Merges the layer over a copy of itself.</summary>
    [Benchmark(Description = "Merge debian over debian")]
    public int MergeTwo() => LayerMerger.Merge(_two).Files.Count;
}
