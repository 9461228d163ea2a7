namespace Drydock.Catalog;

/// <summary>An image reference resolved for the catalog: its repository, the digest its tag points at, and one <see cref="BaseImage"/> per platform.</summary>
public sealed record ResolvedBase(string Repository, string RootDigest, string? Tag, IReadOnlyList<BaseImage> Images);
