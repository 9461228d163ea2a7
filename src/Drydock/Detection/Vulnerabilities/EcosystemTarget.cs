using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;
using Drydock.Versions;

namespace Drydock.Detection.Vulnerabilities;

/// <summary>How one package is looked up in the advisory database: the ecosystem key, the name the advisories use
/// (the source package for OS packages), the version to compare and the version scheme.</summary>
public sealed record EcosystemTarget(string Ecosystem, string Name, string Version, VersionScheme Scheme)
{
    /// <summary>A second name to look up: an rpm's binary package name when it differs from its source package's, since the
    /// RPM distributions' OSV records name binary packages (openssl-libs) as often as source ones (openssl).</summary>
    public string? BinaryName { get; init; }

    /// <summary>The target for <paramref name="package"/>, or null when its ecosystem has no advisories here
    /// (an OS package without a detected OS, an unknown type).</summary>
    public static EcosystemTarget? For(PackageRecord package, OsInfo? os)
    {
        switch (package.Type)
        {
            case PackageTypes.Deb:
                if (os is null || DistroEcosystem(os) is not { } deb)
                {
                    return null;
                }

                return new EcosystemTarget(deb, package.SourceName ?? package.Name, package.SourceVersion ?? package.Version, VersionScheme.Dpkg);
            case PackageTypes.Apk:
                // Alpine publishes per release; Wolfi and Chainguard are rolling, one ecosystem each.
                var release = os?.Family switch
                {
                    "alpine" when os.Version.Split('.') is { Length: >= 2 } parts => $"Alpine:v{parts[0]}.{parts[1]}",
                    "wolfi" => "Wolfi",
                    "chainguard" => "Chainguard",
                    _ => null,
                };
                return release is null ? null : new EcosystemTarget(release, package.SourceName ?? package.Name, package.Version, VersionScheme.Apk);
            case PackageTypes.Rpm:
                if (os is null || DistroEcosystem(os) is not { } rpm)
                {
                    return null;
                }

                var version = package.Epoch is { } e && e != 0 ? $"{e}:{package.Version}" : package.Version;
                var source = package.SourceName ?? package.Name;
                return new EcosystemTarget(rpm, source, version, VersionScheme.Rpm)
                {
                    BinaryName = package.Name != source ? package.Name : null,
                };
            case PackageTypes.Npm:
                return new EcosystemTarget("npm", package.Namespace is { Length: > 0 } scope ? $"{scope}/{package.Name}" : package.Name, package.Version, VersionScheme.Npm);
            case PackageTypes.PyPI:
                return new EcosystemTarget("PyPI", package.Name, package.Version, VersionScheme.Pep440);
            case PackageTypes.Golang:
                return new EcosystemTarget("Go", package.Name, package.Version, VersionScheme.Go);
            case PackageTypes.Maven:
                return package.Namespace is { Length: > 0 } group ? new EcosystemTarget("Maven", $"{group}:{package.Name}", package.Version, VersionScheme.Maven) : null;
            case PackageTypes.NuGet:
                return new EcosystemTarget("NuGet", package.Name, package.Version, VersionScheme.NuGet);
            case PackageTypes.Gem:
                return new EcosystemTarget("RubyGems", package.Name, package.Version, VersionScheme.RubyGems);
            case PackageTypes.Composer:
                return new EcosystemTarget("Packagist", package.Namespace is { Length: > 0 } vendor ? $"{vendor}/{package.Name}" : package.Name, package.Version, VersionScheme.Composer);
            case PackageTypes.Cargo:
                return new EcosystemTarget("crates.io", package.Name, package.Version, VersionScheme.Cargo);
            default:
                return null;
        }
    }

    /// <summary>The OSV ecosystem of a distro release: Debian:12, Ubuntu:22.04, Rocky Linux:9, AlmaLinux:9, …</summary>
    public static string? DistroEcosystem(OsInfo os) => os.Family switch
    {
        "debian" when Major(os.Version) is { } v => $"Debian:{v}",
        "ubuntu" => $"Ubuntu:{os.Version}",
        "rocky" when Major(os.Version) is { } v => $"Rocky Linux:{v}",
        "almalinux" when Major(os.Version) is { } v => $"AlmaLinux:{v}",
        "redhat" when Major(os.Version) is { } v => $"Red Hat:{v}",
        "opensuse-leap" => $"openSUSE:Leap {os.Version}",
        "wolfi" => "Wolfi",
        "chainguard" => "Chainguard",
        _ => null,
    };

    private static string? Major(string version)
    {
        var major = version.Split('.')[0];
        return major.Length > 0 && major.All(char.IsAsciiDigit) ? major : null;
    }
}
