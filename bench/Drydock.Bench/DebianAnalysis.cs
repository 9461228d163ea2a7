using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>Produces the Debian layer's analysis result, for the benchmarks that start from it.</summary>
internal static class DebianAnalysis
{
    /// <summary>Analyses the layer of <paramref name="image"/> as a cold scan does, with <paramref name="catalog"/>
    /// (default: every scanner's analyzers).</summary>
    public static Task<LayerResult> RunAsync(TestImage image, AnalyzerCatalog? catalog = null)
    {
        var reader = new LayerReader(Blobs.Open(image.LayerBlob), image.MediaType, image.DiffId, InputLimits.Default, "debian");
        return new LayerAnalysisRunner(catalog ?? AnalyzerCatalog.Default(), InputLimits.Default).RunAsync(reader, "debian", CancellationToken.None);
    }
}
