using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary>Produces the Debian layer's analysis result, for the benchmarks that start from it.</summary>
internal static class DebianAnalysis
{
    /// <summary>Analyses the layer of <paramref name="image"/> as a cold scan does.</summary>
    public static Task<LayerResult> RunAsync(TestImage image) => RunAsync(image, AnalyzerCatalog.Default());

    /// <summary>Analyses the layer of <paramref name="image"/> with <paramref name="catalog"/>.</summary>
    public static Task<LayerResult> RunAsync(TestImage image, AnalyzerCatalog catalog)
    {
        var reader = new LayerReader(Blobs.Open(image.LayerBlob), image.MediaType, image.DiffId, InputLimits.Default, "debian");
        return new LayerAnalysisRunner(catalog, InputLimits.Default).RunAsync(reader, "debian", CancellationToken.None);
    }
}
