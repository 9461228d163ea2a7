namespace Drydock.Versions;

/// <summary>The version ordering rules of one ecosystem; every version is parsed under exactly one scheme.</summary>
public enum VersionScheme
{
    /// <summary>Debian dpkg: <c>[epoch:]upstream[-revision]</c>, <c>~</c> sorts before everything.</summary>
    Dpkg,

    /// <summary>Alpine apk-tools: <c>1.2.3a_rc1_p2~hash-r4</c>.</summary>
    Apk,

    /// <summary>RPM: <c>[epoch:]version[-release]</c> compared with rpmvercmp (<c>~</c> and <c>^</c>).</summary>
    Rpm,

    /// <summary>Semantic Versioning 2.0.0, strict.</summary>
    SemVer,

    /// <summary>npm (node-semver): SemVer 2.0.0 with an optional <c>v</c> prefix and surrounding blanks.</summary>
    Npm,

    /// <summary>Python PEP 440 (epochs, pre/post/dev releases, local labels).</summary>
    Pep440,

    /// <summary>Maven ComparableVersion.</summary>
    Maven,

    /// <summary>Go modules (golang.org/x/mod/semver): <c>v1.2.3</c>, pseudo-versions, <c>+incompatible</c>.</summary>
    Go,

    /// <summary>RubyGems Gem::Version.</summary>
    RubyGems,

    /// <summary>NuGet (NuGet.Versioning): up to four numbers, SemVer 2.0.0 labels compared case-insensitively.</summary>
    NuGet,

    /// <summary>Composer (Packagist): normalised to four numbers plus a stability, then PHP version_compare.</summary>
    Composer,

    /// <summary>Cargo (crates.io): the SemVer 2.0.0 rules.</summary>
    Cargo,
}
