using System.Text;
using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.Analysis.Scripts;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>What the script analyzer adds to a cold layer analysis of the Debian layer (inventory catalog as the
/// baseline, side by side), and the classifier alone over every file that analyzer reads there.</summary>
[MemoryDiagnoser]
public class ScriptScanBenchmarks
{
    private TestImage _image = null!;
    private AnalyzerCatalog _inventory = null!;
    private AnalyzerCatalog _withScripts = null!;
    private List<(string Text, ScriptContext Context)> _scripts = [];

    [GlobalSetup]
    public async Task Setup()
    {
        _image = TestImage.Debian();
        _inventory = AnalyzerCatalog.For(Scanners.None);
        _withScripts = new AnalyzerCatalog(_inventory.Analyzers.Append(new ScriptContentAnalyzer()));

        // The texts the analyzer reads in this layer, kept for the classifier-only benchmark.
        var reader = new LayerReader(Blobs.Open(_image.LayerBlob), _image.MediaType, _image.DiffId, InputLimits.Default, "debian");
        await foreach (var entry in reader.ReadAsync(CancellationToken.None))
        {
            if (entry.Data is null || entry.Info.Kind != EntryKind.File || entry.Info.Size is <= 2 or > ScriptContentAnalyzer.MaxScriptBytes)
            {
                continue;
            }

            var bytes = new byte[entry.Info.Size];
            await entry.Data.ReadExactlyAsync(bytes);
            if (ScriptContentAnalyzer.ContextOf(entry.Info.Path, bytes) is { } context && !bytes.Contains((byte)0))
            {
                _scripts.Add((Encoding.UTF8.GetString(bytes), context));
            }
        }

        Console.WriteLine($"// scripts read: {_scripts.Count}, {_scripts.Sum(s => Encoding.UTF8.GetByteCount(s.Text)):N0} bytes");
    }

    [Benchmark(Baseline = true, Description = "LayerAnalysisRunner, inventory analyzers")]
    public Task<int> Inventory() => RunAsync(_inventory);

    [Benchmark(Description = "LayerAnalysisRunner, inventory + script analyzer")]
    public Task<int> InventoryAndScripts() => RunAsync(_withScripts);

    [Benchmark(Description = "ScriptClassifier over the layer's scripts")]
    public int ClassifyScripts()
    {
        var matches = 0;
        foreach (var (text, context) in _scripts)
        {
            matches += ScriptClassifier.Classify(text, context).Count;
        }

        return matches;
    }

    private async Task<int> RunAsync(AnalyzerCatalog catalog)
    {
        var reader = new LayerReader(Blobs.Open(_image.LayerBlob), _image.MediaType, _image.DiffId, InputLimits.Default, "debian");
        var result = await new LayerAnalysisRunner(catalog, InputLimits.Default).RunAsync(reader, "debian", CancellationToken.None);
        return result.Files.Count + result.ContentFindings.Count;
    }
}
