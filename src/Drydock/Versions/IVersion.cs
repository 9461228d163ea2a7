namespace Drydock.Versions;

/// <summary>
/// One version, parsed once under one <see cref="VersionScheme"/> into an immutable value.
/// Obtain it from <see cref="IVersionComparer.TryParse(string, out IVersion?)"/>; compare it only with versions of the same scheme.
/// </summary>
public interface IVersion
{
    /// <summary>The scheme this version was parsed under.</summary>
    VersionScheme Scheme { get; }

    /// <summary>The text exactly as it was given to the parser.</summary>
    string Original { get; }
}
