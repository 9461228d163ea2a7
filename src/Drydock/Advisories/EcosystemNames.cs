using System.Text;

namespace Drydock.Advisories;

/// <summary>Ecosystem keys and package-name normalisation shared by the builder and the store.
/// Ecosystems are kept as OSV writes them ("PyPI", "Go", "npm", "Maven", "crates.io"); distro releases are "Debian:11" and
/// "Alpine:v3.10"; Ubuntu's OSV releases lose their ":LTS" mark ("Ubuntu:22.04:LTS" is "Ubuntu:22.04", the release an image's
/// os-release names; "Ubuntu:Pro:18.04:LTS", Ubuntu Pro's fixes, stays apart as "Ubuntu:Pro:18.04"); Red Hat's repository streams
/// of one release ("Red Hat:enterprise_linux:9::baseos", "...::appstream") are "Red Hat:9". The redacted Rust registry host in
/// test data ("registry-crates.invalid") maps back to "crates.io".
/// Look-ups compare ecosystems without regard to case.</summary>
public static class EcosystemNames
{
    /// <summary>The OSV ecosystem of Rust crates.</summary>
    public const string CratesIo = "crates.io";

    private const string UbuntuPrefix = "Ubuntu:";
    private const string LtsSuffix = ":LTS";
    private const string RhelPrefix = "Red Hat:enterprise_linux:";

    private static readonly Dictionary<string, string> DebianReleases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["buzz"] = "1.1", ["rex"] = "1.2", ["bo"] = "1.3", ["hamm"] = "2.0", ["slink"] = "2.1", ["potato"] = "2.2",
        ["woody"] = "3.0", ["sarge"] = "3.1", ["etch"] = "4", ["lenny"] = "5", ["squeeze"] = "6", ["wheezy"] = "7",
        ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10", ["bullseye"] = "11", ["bookworm"] = "12", ["trixie"] = "13",
        ["forky"] = "14",
    };

    /// <summary>The ecosystem key for <paramref name="ecosystem"/> as a source writes it.</summary>
    public static string NormaliseEcosystem(string ecosystem)
    {
        var trimmed = ecosystem.Trim();
        if (trimmed.Equals("registry-crates.invalid", StringComparison.OrdinalIgnoreCase))
        {
            return CratesIo;
        }

        if (trimmed.StartsWith(UbuntuPrefix, StringComparison.OrdinalIgnoreCase) && trimmed.EndsWith(LtsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return trimmed[..^LtsSuffix.Length];
        }

        return trimmed.StartsWith(RhelPrefix, StringComparison.OrdinalIgnoreCase) && RhelMajor(trimmed.AsSpan(RhelPrefix.Length)) is { } major
            ? "Red Hat:" + major
            : trimmed;
    }

    // "9" of "9::baseos", "9::appstream" or "9": Red Hat's repository streams of one release are one key, the release an image's
    // os-release names; streams for a minor release under extended support (rhel_eus:9.4) have another prefix and stay apart.
    private static string? RhelMajor(ReadOnlySpan<char> rest)
    {
        var streams = rest.IndexOf("::", StringComparison.Ordinal);
        var release = streams < 0 ? rest : rest[..streams];
        return release.Length > 0 && !release.ContainsAnyExceptInRange('0', '9') ? release.ToString() : null;
    }

    /// <summary>"Debian:N" for a Debian release codename ("bullseye" → "Debian:11"), or null when the codename is unknown.</summary>
    public static string? DebianRelease(string codename)
        => DebianReleases.TryGetValue(codename.Trim(), out var number) ? "Debian:" + number : null;

    /// <summary>The package name as stored: PyPI names PEP 503-normalised (lower case, runs of '-', '_', '.' become '-'); others as written.</summary>
    public static string NormalisePackageName(string ecosystem, string name)
    {
        var trimmed = name.Trim();
        return EcosystemBase(ecosystem).Equals("PyPI", StringComparison.OrdinalIgnoreCase) ? Pep503(trimmed) : trimmed;
    }

    /// <summary>The ecosystem without its release ("Debian:11" → "Debian").</summary>
    public static string EcosystemBase(string ecosystem)
    {
        var colon = ecosystem.IndexOf(':');
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }

    /// <summary>The key the store indexes an ecosystem under (normalised, lower case).</summary>
    internal static string Key(string ecosystem) => NormaliseEcosystem(ecosystem).ToLowerInvariant();

    private static string Pep503(string name)
    {
        var builder = new StringBuilder(name.Length);
        var inSeparatorRun = false;
        foreach (var c in name)
        {
            var separator = c is '-' or '_' or '.';
            if (!separator)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (!inSeparatorRun)
            {
                builder.Append('-');
            }

            inSeparatorRun = separator;
        }

        return builder.ToString();
    }
}
