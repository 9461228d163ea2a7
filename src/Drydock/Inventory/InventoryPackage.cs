using Drydock.Analysis.Packages;

namespace Drydock.Inventory;

/// <summary>A package present in the merged image, with the layer that introduced it and its package URL.</summary>
/// <param name="Record">The package as its analyzer read it, with evidence from other files joined in.</param>
/// <param name="Purl">The package URL (with distro qualifiers for OS packages).</param>
/// <param name="Layer">The index of the layer that introduced this package version.</param>
public sealed record InventoryPackage(PackageRecord Record, string Purl, int Layer);

/// <summary>A package some layer installed and a later layer removed (Trivy cannot see these: its issue #3924).</summary>
/// <param name="Record">The package as the adding layer recorded it.</param>
/// <param name="Purl">The package URL.</param>
/// <param name="AddedIn">The index of the layer that added it.</param>
/// <param name="RemovedIn">The index of the layer that removed it (or deleted its database).</param>
public sealed record RemovedPackage(PackageRecord Record, string Purl, int AddedIn, int RemovedIn);

/// <summary>Every package of an image: those present, and those removed on the way.</summary>
public sealed record PackageInventory(IReadOnlyList<InventoryPackage> Packages, IReadOnlyList<RemovedPackage> Removed)
{
    /// <summary>No packages.</summary>
    public static PackageInventory Empty { get; } = new([], []);
}
