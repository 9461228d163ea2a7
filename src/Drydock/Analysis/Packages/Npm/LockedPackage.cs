namespace Drydock.Analysis.Packages.Npm;

/// <summary>One package a lockfile pins: full name (with scope), exact version and what the lockfile says about it.</summary>
internal sealed record LockedPackage(string FullName, string Version, bool Dev, string? Integrity, string? Resolved, List<string> DependsOn);
