using System.Text.Json;
using Drydock.Analysis;

namespace Drydock.Tests.Analysis.Packages;

/// <summary>Runs one analyzer over bytes placed at an image path, and reads the peers' expected.json cases.</summary>
public static class LanguageAnalyzerRun
{
    public static LayerResult Run(IAnalyzer analyzer, string path, byte[] content) => AnalyzerRun.Bytes(analyzer, path, content);

    /// <summary>The cases of a shared expected.json, as (case name, fixture file) rows.</summary>
    public static IEnumerable<object[]> Cases(params string[] folder)
    {
        if (Fixtures.RepoPaths.SharedTestData is null)
        {
            return [["(shared data absent)", ""]];
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.SharedData.Path([.. folder, "expected.json"])));
        return [.. doc.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.TryGetProperty("__fixture__", out _))
            .Select((c, i) => new object[] { c.TryGetProperty("name", out var n) ? $"{i}: {n.GetString()}" : $"{i}", c.GetProperty("__fixture__").GetString()! })];
    }

    /// <summary>The case object whose fixture is <paramref name="fixture"/> (the first, when several share it).</summary>
    public static JsonElement Case(string fixture, string caseName, params string[] folder)
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Fixtures.SharedData.Path([.. folder, "expected.json"])));
        var index = int.Parse(caseName.Split(':')[0]);
        var matching = doc.RootElement.GetProperty("cases").EnumerateArray().Where(c => c.TryGetProperty("__fixture__", out _)).ElementAt(index);
        Assert.Equal(fixture, matching.GetProperty("__fixture__").GetString());
        return matching;
    }

    /// <summary>"name@version" rows of an expected list of objects with Name and Version members.</summary>
    public static SortedSet<string> NameVersions(JsonElement list)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        if (list.ValueKind != JsonValueKind.Array)
        {
            return set;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("Name", out var name))
            {
                set.Add($"{name.GetString()}@{(item.TryGetProperty("Version", out var v) ? v.GetString() : "")}");
            }
        }

        return set;
    }

    /// <summary>"[namespace/]name@version" of recorded packages (npm scopes joined back with '/').</summary>
    public static SortedSet<string> NameVersions(LayerResult result)
        => new(result.Packages.Select(p => $"{(p.Namespace is null ? "" : p.Namespace + "/")}{p.Name}@{p.Version}"), StringComparer.Ordinal);
}
