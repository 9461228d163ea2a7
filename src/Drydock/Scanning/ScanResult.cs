using Drydock.Analysis.Census;
using Drydock.Analysis.Os;
using Drydock.Inventory;
using Drydock.Merge;

namespace Drydock.Scanning;

/// <summary>The outcome of scanning one image: the image, its layers' results, the merged view and what detectors found.</summary>
public sealed record ScanResult(
    ScannedImage Image,
    IReadOnlyList<LayerResultWithOrigin> Layers,
    MergedImage Merged,
    OsInfo? Os,
    CensusSummary Census,
    PackageInventory Inventory,
    IReadOnlyList<Diagnostic> Warnings,
    ScanStatistics Statistics);

/// <summary>Measurements of one scan.</summary>
public sealed record ScanStatistics(int LayersAnalysed, int LayersFromCache, long BytesRead, TimeSpan Duration);
