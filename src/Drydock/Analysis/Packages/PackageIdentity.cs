namespace Drydock.Analysis.Packages;

/// <summary>Compares packages by the identity that follows them across layers and deduplicates them (type, namespace,
/// name, epoch, version, arch, source and inner path), without building a key string per package.</summary>
public sealed class PackageIdentity : IEqualityComparer<PackageRecord>
{
    /// <summary>The one instance.</summary>
    public static readonly PackageIdentity Comparer = new();

    private PackageIdentity()
    {
    }

    // An absent namespace, arch or inner path is the same identity as an empty one.
    public bool Equals(PackageRecord? x, PackageRecord? y)
        => ReferenceEquals(x, y) || (x is not null && y is not null
            && string.Equals(x.Name, y.Name, StringComparison.Ordinal)
            && string.Equals(x.Version, y.Version, StringComparison.Ordinal)
            && string.Equals(x.SourcePath, y.SourcePath, StringComparison.Ordinal)
            && string.Equals(x.Type, y.Type, StringComparison.Ordinal)
            && x.Epoch == y.Epoch
            && Same(x.Namespace, y.Namespace) && Same(x.Arch, y.Arch) && Same(x.InnerPath, y.InnerPath));

    // The name (short) and the source path's length: hashing every member cost more than the string key it replaced, and
    // packages that share a name and path length (versions of one module in several binaries) are few.
    public int GetHashCode(PackageRecord obj) => HashCode.Combine(obj.Name.GetHashCode(StringComparison.Ordinal), obj.SourcePath.Length);

    private static bool Same(string? a, string? b) => string.Equals(a ?? string.Empty, b ?? string.Empty, StringComparison.Ordinal);
}
