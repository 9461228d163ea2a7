using System.Security.Cryptography;
using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Census;
using Drydock.Analysis.UserRules.Ioc;
using Drydock.Analysis.UserRules.Yara;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Layers;
using Drydock.References;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.LayerCache;

/// <summary>Analyzers driven by user input (<see cref="IConfiguredAnalyzer"/>) put that input in the layer cache key:
/// changed rules never reuse a result made with the old ones.</summary>
public sealed class ConfiguredAnalyzerCacheTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("#!/bin/sh\n# payload v1: stratum+tcp://pool.example:3333\n");
    private static readonly byte[] Other = Encoding.UTF8.GetBytes("#!/bin/sh\necho other\n");

    private static InMemoryImage Image() => new(
        new TarBuilder().Directory("opt").File("opt/payload.sh", Payload, 0x1ed).File("opt/other.sh", Other, 0x1ed).Build());

    private static string Sha(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static async Task<ScanResult> ScanAsync(InMemoryImage image, string cacheDirectory, params IAnalyzer[] userRules)
    {
        await using var store = await SqliteLayerResultStore.OpenAsync(cacheDirectory, CancellationToken.None);
        var scanner = new ImageScanner(new ImageOpener([image]), AnalyzerCatalog.For(Scanners.All, userRules), store);
        return await scanner.ScanAsync(image.Reference, new ScanOptions(), null, CancellationToken.None);
    }

    private static List<string> FindingPaths(ScanResult result) => [.. result.Layers.SelectMany(l => l.Result.ContentFindings).Select(f => $"{f.RuleId} {f.Path}")];

    private static void AssertScan(ScanResult result, int layersFromCache, string finding)
    {
        Assert.Equal(layersFromCache, result.Statistics.LayersFromCache);
        Assert.Equal([finding], FindingPaths(result));
    }

    [Fact]
    public void The_configuration_key_joins_the_cache_key_and_a_plain_catalog_keeps_its_key()
    {
        var diffId = Digest.Sha256Of("layer"u8);
        var first = IocList.Parse([Sha(Payload)], "a");
        var second = IocList.Parse([Sha(Other)], "b");
        var plain = new AnalyzerCatalog([new FileCensusAnalyzer()]);

        var withFirst = LayerCacheKey.For(diffId, new AnalyzerCatalog([new FileCensusAnalyzer(), new IocAnalyzer(first)]), InputLimits.Default);
        Assert.Equal(withFirst, LayerCacheKey.For(diffId, new AnalyzerCatalog([new FileCensusAnalyzer(), new IocAnalyzer(IocList.Parse([Sha(Payload)], "copy"))]), InputLimits.Default));
        Assert.NotEqual(withFirst, LayerCacheKey.For(diffId, new AnalyzerCatalog([new FileCensusAnalyzer(), new IocAnalyzer(second)]), InputLimits.Default));
        Assert.NotEqual(withFirst, LayerCacheKey.For(diffId, plain, InputLimits.Default));
        Assert.Equal(["file-census@1", $"ioc@1:{first.Digest}"], new AnalyzerCatalog([new FileCensusAnalyzer(), new IocAnalyzer(first)]).KeyParts);
        Assert.Equal(["file-census@1"], plain.KeyParts);
    }

    [Fact]
    public async Task A_changed_ioc_list_is_not_served_from_the_cache()
    {
        var cache = RepoPaths.Scratch("cache-ioc");
        var image = Image();

        var first = await ScanAsync(image, cache, new IocAnalyzer(IocList.Parse([Sha(Payload)], "v1")));
        Assert.Equal(["ioc/sha256 opt/payload.sh"], FindingPaths(first));

        var again = await ScanAsync(image, cache, new IocAnalyzer(IocList.Parse([Sha(Payload)], "v1 again")));
        Assert.Equal(1, again.Statistics.LayersFromCache);
        Assert.Equal(["ioc/sha256 opt/payload.sh"], FindingPaths(again));

        var changed = await ScanAsync(image, cache, new IocAnalyzer(IocList.Parse([Sha(Other)], "v2")));
        Assert.Equal(0, changed.Statistics.LayersFromCache);
        Assert.Equal(["ioc/sha256 opt/other.sh"], FindingPaths(changed));
    }

    [LibyaraFact]
    public async Task A_changed_rule_file_changes_the_key_and_is_not_served_from_the_cache()
    {
        var cache = RepoPaths.Scratch("cache-yara");
        var rules = Path.Combine(RepoPaths.Scratch("rules"), "user.yar");
        var image = Image();

        async Task<ScanResult> ScanWithRulesAsync(string text)
        {
            await File.WriteAllTextAsync(rules, text);
            using var set = YaraRuleSet.Compile(rules);
            return await ScanAsync(image, cache, new YaraAnalyzer(set));
        }

        var first = await ScanWithRulesAsync("rule payload { strings: $a = \"payload v1\" condition: $a }");
        AssertScan(first, 0, "yara/user/payload opt/payload.sh");

        var same = await ScanWithRulesAsync("rule payload { strings: $a = \"payload v1\" condition: $a }");
        AssertScan(same, 1, "yara/user/payload opt/payload.sh");

        var edited = await ScanWithRulesAsync("rule other { strings: $a = \"echo other\" condition: $a }");
        AssertScan(edited, 0, "yara/user/other opt/other.sh");
    }

    [Fact]
    public async Task An_analyzer_without_a_configuration_key_bypasses_the_cache()
    {
        var cache = RepoPaths.Scratch("cache-unkeyed");
        var image = Image();
        await ScanAsync(image, cache, new Unkeyed());
        var second = await ScanAsync(image, cache, new Unkeyed());
        Assert.Equal(0, second.Statistics.LayersFromCache);
        Assert.Equal(2, image.Opens);
    }

    /// <summary>A configured analyzer that cannot name its configuration (as clamd with local signatures only).</summary>
    private sealed class Unkeyed : IConfiguredAnalyzer
    {
        public string Id => "unkeyed";

        public int Version => 1;

        public string? ConfigurationKey => null;

        public AnalyzerNeed Required(in EntryInfo entry) => AnalyzerNeed.None;

        public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
        {
        }
    }
}
