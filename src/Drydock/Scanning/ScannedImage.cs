using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;

namespace Drydock.Scanning;

/// <summary>What a scan keeps of the image it opened (the image itself is closed after the scan).</summary>
public sealed record ScannedImage(
    ImageReference Reference,
    Digest? ManifestDigest,
    Digest? ConfigDigest,
    string? ManifestMediaType,
    Platform Platform,
    ImageConfigFile Config,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<ScannedLayer> Layers)
{
    /// <summary>Captures the parts of <paramref name="image"/> a report needs.</summary>
    public static ScannedImage From(IImage image, IReadOnlyList<LayerResultWithOrigin> results)
    {
        var history = (image.Config.History ?? []).Where(h => !h.EmptyLayer).ToList();
        var layers = image.Layers.Select((l, i) => new ScannedLayer(
            l.Index,
            l.Digest,
            Digest.TryParse(results[i].Result.DiffId, out var d) ? d : l.DiffId,
            l.Size,
            l.MediaType,
            i < history.Count ? history[i].CreatedBy : null,
            results[i].FromCache)).ToList();
        return new ScannedImage(image.Reference, image.ManifestDigest, image.ConfigDigest, image.ManifestMediaType, image.Platform,
            image.Config, image.Annotations, layers);
    }
}

/// <summary>One layer of a scanned image.</summary>
public sealed record ScannedLayer(int Index, Digest? Digest, Digest? DiffId, long Size, string MediaType, string? CreatedBy, bool FromCache);

/// <summary>A layer's analysis and whether it came from the cache.</summary>
public sealed record LayerResultWithOrigin(Analysis.LayerResult Result, bool FromCache);
