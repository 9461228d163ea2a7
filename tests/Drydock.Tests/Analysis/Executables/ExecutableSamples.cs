using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.Executables;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Executables;

/// <summary>Runs the executables analyzer over one file as the layer runner would (head filter, then content).</summary>
public static class ExecutableSamples
{
    /// <summary>The layer result of analysing <paramref name="content"/> at <paramref name="path"/>; no record when the head filter refuses it.</summary>
    public static LayerResult Analyse(string path, byte[] content)
    {
        var analyzer = new ExecutablesAnalyzer();
        var entry = new EntryInfo(path, EntryKind.File, content.Length, 0x1ed, 0, 0, null, 0);
        var builder = new LayerResultBuilder();
        var head = content.AsSpan(0, Math.Min(content.Length, LayerAnalysisRunner.HeadSize));
        if (analyzer.Required(entry) == AnalyzerNeed.Content && analyzer.WantsContent(entry, head))
        {
            analyzer.Analyze(new AnalyzerInput(entry, head, content), builder);
        }

        return builder.Build("sha256:test", "none", content.Length, 1);
    }

    /// <summary>The single record for a file that must be an executable.</summary>
    public static ExecutableRecord Record(string file, string? path = null)
        => Assert.Single(Analyse(path ?? file.TrimStart('/'), File.ReadAllBytes(file)).Executables);
}
