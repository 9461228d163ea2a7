using System.Diagnostics.CodeAnalysis;

namespace Drydock.Versions;

/// <summary>
/// The entry point: the comparer of each <see cref="VersionScheme"/>, and the scheme of an OSV ecosystem or a purl type.
/// Unknown names give false/null, never a fuzzy comparer.
/// </summary>
public static class VersionSchemes
{
    private static readonly IVersionComparer[] Comparers =
    [
        new VersionComparer<DpkgVersion>(VersionScheme.Dpkg, DpkgVersion.TryParse),
        new VersionComparer<ApkVersion>(VersionScheme.Apk, ApkVersion.TryParse),
        new VersionComparer<RpmVersion>(VersionScheme.Rpm, RpmVersion.TryParse),
        Semantic(VersionScheme.SemVer),
        Semantic(VersionScheme.Npm),
        new VersionComparer<Pep440Version>(VersionScheme.Pep440, Pep440Version.TryParse),
        new VersionComparer<MavenVersion>(VersionScheme.Maven, MavenVersion.TryParse),
        Semantic(VersionScheme.Go),
        new VersionComparer<RubyGemsVersion>(VersionScheme.RubyGems, RubyGemsVersion.TryParse),
        new VersionComparer<NuGetVersion>(VersionScheme.NuGet, NuGetVersion.TryParse),
        new VersionComparer<ComposerVersion>(VersionScheme.Composer, ComposerVersion.TryParse),
        Semantic(VersionScheme.Cargo),
    ];

    /// <summary>Every scheme, in declaration order.</summary>
    public static IReadOnlyList<VersionScheme> All { get; } = Enum.GetValues<VersionScheme>();

    /// <summary>The comparer of <paramref name="scheme"/> (a shared, thread-safe instance).</summary>
    public static IVersionComparer For(VersionScheme scheme)
        => (uint)scheme < (uint)Comparers.Length
            ? Comparers[(int)scheme]
            : throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown version scheme.");

    /// <summary>The typed comparer of <paramref name="scheme"/>; throws when the scheme's versions are not <typeparamref name="TVersion"/>.</summary>
    public static IVersionComparer<TVersion> For<TVersion>(VersionScheme scheme)
        where TVersion : class, IVersion
        => For(scheme) as IVersionComparer<TVersion>
            ?? throw new ArgumentException($"{scheme} versions are not {typeof(TVersion).Name}.", nameof(scheme));

    /// <summary>
    /// The comparer for an OSV <c>affected[].package.ecosystem</c> value; a ":suffix" (release, e.g. "Debian:12",
    /// "Alpine:v3.19") is ignored. False for ecosystems whose versions have no known order here.
    /// </summary>
    public static bool TryForOsvEcosystem(string ecosystem, [NotNullWhen(true)] out IVersionComparer? comparer)
    {
        ArgumentNullException.ThrowIfNull(ecosystem);
        var colon = ecosystem.IndexOf(':');
        var name = colon >= 0 ? ecosystem[..colon] : ecosystem;
        VersionScheme? scheme = name switch
        {
            "Debian" or "Ubuntu" => VersionScheme.Dpkg,
            "Alpine" or "Wolfi" or "Chainguard" => VersionScheme.Apk,
            "Rocky Linux" or "AlmaLinux" or "Red Hat" or "openSUSE" or "SUSE" or "Mageia" or "openEuler" => VersionScheme.Rpm,
            "PyPI" => VersionScheme.Pep440,
            "npm" => VersionScheme.Npm,
            "Go" => VersionScheme.Go,
            "Maven" => VersionScheme.Maven,
            "NuGet" => VersionScheme.NuGet,
            "RubyGems" => VersionScheme.RubyGems,
            "Packagist" => VersionScheme.Composer,
            "crates.io" or "registry-crates.invalid" => VersionScheme.Cargo,
            _ => null,
        };
        comparer = scheme is { } s ? For(s) : null;
        return comparer is not null;
    }

    /// <summary>The scheme of a package-url type (deb, apk, rpm, pypi, npm, golang, maven, nuget, gem, composer, cargo); null when unknown.</summary>
    public static VersionScheme? ForPackageType(string purlType)
    {
        ArgumentNullException.ThrowIfNull(purlType);
        return purlType.ToLowerInvariant() switch
        {
            "deb" => VersionScheme.Dpkg,
            "apk" => VersionScheme.Apk,
            "rpm" => VersionScheme.Rpm,
            "pypi" => VersionScheme.Pep440,
            "npm" => VersionScheme.Npm,
            "golang" => VersionScheme.Go,
            "maven" => VersionScheme.Maven,
            "nuget" => VersionScheme.NuGet,
            "gem" => VersionScheme.RubyGems,
            "composer" => VersionScheme.Composer,
            "cargo" => VersionScheme.Cargo,
            _ => null,
        };
    }

    private static VersionComparer<SemanticVersion> Semantic(VersionScheme scheme)
        => new(scheme, (string text, [NotNullWhen(true)] out SemanticVersion? v) => SemanticVersion.TryParse(text, scheme, out v));
}
