using System.Text.Json;
using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Packages;

/// <summary>Runs one analyzer over bytes, as the layer runner would, and builds the layer result.</summary>
public static class AnalyzerRun
{
    public static LayerResult Bytes(IAnalyzer analyzer, string path, byte[] content)
    {
        var entry = new EntryInfo(path, EntryKind.File, content.Length, 0x1a4, 0, 0, null, 0);
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(entry));
        var builder = new LayerResultBuilder();
        analyzer.Analyze(new AnalyzerInput(entry, content.AsSpan(0, Math.Min(content.Length, LayerAnalysisRunner.HeadSize)), content), builder);
        return builder.Build("sha256:test", "none", content.Length, 1);
    }

    public static LayerResult File(IAnalyzer analyzer, string path, string file) => Bytes(analyzer, path, System.IO.File.ReadAllBytes(file));

    /// <summary>The cases of a shared expected.json.</summary>
    public static List<JsonElement> Cases(string expectedJson)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(expectedJson));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }

    public static string? Str(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static List<string> Strings(this JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.GetString()!)] : [];
}
