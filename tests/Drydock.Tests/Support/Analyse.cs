using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Tests.Support;

/// <summary>Runs the default analyzers over an in-memory layer tar.</summary>
public static class Analyse
{
    public static async Task<LayerResult> TarAsync(byte[] tar, AnalyzerCatalog? catalog = null, InputLimits? limits = null)
    {
        var reader = new LayerReader(new MemoryStream(tar), Drydock.Sources.MediaTypes.OciLayer, null, limits ?? InputLimits.Default, "test layer");
        return await new LayerAnalysisRunner(catalog ?? AnalyzerCatalog.Default(), limits ?? InputLimits.Default).RunAsync(reader, "test layer", CancellationToken.None);
    }
}
