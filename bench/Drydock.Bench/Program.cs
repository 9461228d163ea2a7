using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Drydock.Bench;

if (args is ["crawl-populate", .. var rest])
{
    return await CrawlPopulate.RunAsync(rest);
}

// Short runs by default (pass --job to choose another), every benchmark unless --filter narrows them.
// The layer benchmarks need the Debian test image; without it they are left out with a message.
Type[] pure = [typeof(EntryPathBenchmarks), typeof(ExecutableMagicBenchmarks), typeof(BaseCatalogBenchmarks)];
Type[] layer = [typeof(LayerReadBenchmarks), typeof(LayerAnalysisBenchmarks), typeof(MalwareAnalyzersBenchmarks), typeof(LayerMergerBenchmarks), typeof(LayerCacheBenchmarks), typeof(ScriptScanBenchmarks), typeof(MalwareDetectorBenchmarks), typeof(SecretScanBenchmarks), typeof(ContentSignatureBenchmarks)];

var types = pure;
if (TestImage.DebianExists)
{
    types = [.. layer, .. pure];
    // The benchmarks run in child processes: hand them the folder this process resolved.
    Environment.SetEnvironmentVariable(TestImage.Variable, Path.GetFullPath(TestImage.Directory));
}
else
{
    Console.Error.WriteLine($"drydock-bench: no Debian test image in {TestImage.Directory}; the layer benchmarks are skipped. " +
        $"Build it with: scripts/build-test-images.sh {TestImage.Directory} debian (or set {TestImage.Variable}).");
}

var config = DefaultConfig.Instance;
if (!args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal)))
{
    config = config.AddJob(Job.ShortRun);
}

if (!args.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
{
    args = [.. args, "--filter", "*"];
}

BenchmarkSwitcher.FromTypes(types).Run(args, config);
return 0;
