using Drydock.Analysis;
using Drydock.Analysis.Packages.Rpm;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Runs <see cref="RpmDatabaseAnalyzer"/> over one file's bytes, as the layer runner would.</summary>
internal static class RpmDb
{
    public static LayerResult Analyse(string path, byte[] content)
    {
        var entry = new EntryInfo(path, EntryKind.File, content.Length, 0x1A4, 0, 0, null, 0);
        var analyzer = new RpmDatabaseAnalyzer();
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(entry));
        var builder = new LayerResultBuilder();
        try
        {
            analyzer.Analyze(new AnalyzerInput(entry, content.AsSpan(0, Math.Min(512, content.Length)), content), builder);
            return builder.Build("sha256:test", "none", content.Length, 1);
        }
        finally
        {
            builder.DeleteScratch();
        }
    }
}
