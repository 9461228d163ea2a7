namespace Drydock.Cluster.Grains;

/// <summary>What a manifest grain did: scanned now, found the image already stored, or failed with a one-line reason.</summary>
/// <param name="AlreadyDone">True when the image's result was already stored (nothing scanned).</param>
/// <param name="LayersAnalysed">Layers whose analysis is credited to this image.</param>
/// <param name="LayersReused">Layers whose result another image's analysis provided.</param>
/// <param name="Error">The failure, or null.</param>
[GenerateSerializer, Immutable]
public sealed record ManifestOutcome(
    [property: Id(0)] bool AlreadyDone,
    [property: Id(1)] int LayersAnalysed,
    [property: Id(2)] int LayersReused,
    [property: Id(3)] string? Error);
