using System.Text.RegularExpressions;

namespace Drydock.Analysis.Os;

/// <summary>Decides the operating system from the release files present in the merged image.</summary>
public static partial class OsDetector
{
    /// <summary>Detects the OS; <paramref name="lookup"/> returns the release file present at a path
    /// (after symlink resolution in the merged image), or null.</summary>
    public static OsInfo? Detect(Func<string, OsReleaseFile?> lookup)
    {
        var osRelease = lookup("etc/os-release") ?? lookup("usr/lib/os-release");
        var alpine = lookup("etc/alpine-release");
        var debianVersion = lookup("etc/debian_version");

        if (osRelease is not null && osRelease.Fields.TryGetValue("ID", out var id) && id.Length > 0)
        {
            var name = osRelease.Fields.GetValueOrDefault("PRETTY_NAME") ?? osRelease.Fields.GetValueOrDefault("NAME");
            var version = osRelease.Fields.GetValueOrDefault("VERSION_ID") ?? string.Empty;
            id = id.ToLowerInvariant();
            if (id == "alpine" && alpine is not null)
            {
                version = Text(alpine);
            }
            else if (id == "debian" && debianVersion is not null && PointRelease().IsMatch(Text(debianVersion)))
            {
                version = Text(debianVersion);
            }
            else if (id == "debian" && version.Length == 0 && debianVersion is not null)
            {
                version = Text(debianVersion); // testing/sid: "trixie/sid"
            }

            return new OsInfo(id == "rhel" ? "redhat" : id, version, name, osRelease.Path);
        }

        if (alpine is not null)
        {
            return new OsInfo("alpine", Text(alpine), null, alpine.Path);
        }

        foreach (var (path, family) in RedHatStyle)
        {
            if (lookup(path) is { } file)
            {
                var text = Text(file);
                var match = ReleaseVersion().Match(text);
                var detected = family ?? FamilyFromText(text);
                return new OsInfo(detected, match.Success ? match.Groups[1].Value : string.Empty, text, file.Path);
            }
        }

        if (debianVersion is not null)
        {
            return new OsInfo("debian", Text(debianVersion), null, debianVersion.Path);
        }

        if (lookup("etc/lsb-release") is { } lsb && lsb.Fields.TryGetValue("DISTRIB_ID", out var distrib))
        {
            return new OsInfo(distrib.ToLowerInvariant(), lsb.Fields.GetValueOrDefault("DISTRIB_RELEASE") ?? string.Empty,
                lsb.Fields.GetValueOrDefault("DISTRIB_DESCRIPTION"), lsb.Path);
        }

        return null;
    }

    private static readonly (string Path, string? Family)[] RedHatStyle =
    [
        ("etc/rocky-release", "rocky"),
        ("etc/almalinux-release", "almalinux"),
        ("etc/oracle-release", "oracle"),
        ("etc/centos-release", "centos"),
        ("etc/fedora-release", "fedora"),
        ("etc/redhat-release", null),
        ("etc/system-release", null),
        ("etc/photon-release", "photon"),
        ("etc/SuSE-release", "suse"),
    ];

    private static string FamilyFromText(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower switch
        {
            _ when lower.StartsWith("red hat", StringComparison.Ordinal) => "redhat",
            _ when lower.StartsWith("centos", StringComparison.Ordinal) => "centos",
            _ when lower.StartsWith("rocky", StringComparison.Ordinal) => "rocky",
            _ when lower.StartsWith("almalinux", StringComparison.Ordinal) => "almalinux",
            _ when lower.StartsWith("fedora", StringComparison.Ordinal) => "fedora",
            _ when lower.StartsWith("oracle", StringComparison.Ordinal) => "oracle",
            _ when lower.StartsWith("amazon", StringComparison.Ordinal) => "amazon",
            _ => lower.Split(' ', 2)[0],
        };
    }

    private static string Text(OsReleaseFile file) => file.Fields.GetValueOrDefault("TEXT") ?? string.Empty;

    [GeneratedRegex(@"^\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PointRelease();

    [GeneratedRegex(@"release\s+(\d+(?:\.\d+)*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseVersion();
}
