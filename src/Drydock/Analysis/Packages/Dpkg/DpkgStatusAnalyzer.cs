using Drydock.Layers;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Reads dpkg's database of installed packages: <c>var/lib/dpkg/status</c> and the one-file-per-package
/// <c>var/lib/dpkg/status.d/*</c> of distroless images. Reports packages whose files are on disk (status
/// installed, half-installed, unpacked, half-configured, triggers-awaited or triggers-pending); packages left
/// only as configuration files, or purged, are not reported. Versions are kept verbatim (epoch:upstream-revision).</summary>
public sealed class DpkgStatusAnalyzer : IAnalyzer
{
    /// <summary>The main status file.</summary>
    public const string StatusPath = "var/lib/dpkg/status";

    /// <summary>The distroless status folder (with trailing slash).</summary>
    public const string StatusDirectory = "var/lib/dpkg/status.d/";

    /// <summary>Most packages read from one file; a real system has a few thousand.</summary>
    public const int MaxPackagesPerFile = 100_000;

    private const int MaxFieldBytes = 64 * 1024;
    private const int MaxConffilesBytes = 4 * 1024 * 1024;

    private const int FPackage = 0;
    private const int FVersion = 1;
    private const int FArchitecture = 2;
    private const int FSource = 3;
    private const int FStatus = 4;
    private const int FMaintainer = 5;
    private const int FDepends = 6;
    private const int FPreDepends = 7;
    private const int FProvides = 8;
    private const int FMultiArch = 9;
    private const int FInstalledSize = 10;
    private const int FConffiles = 11;

    private static readonly ControlFileReader Reader = new(
        "Package", "Version", "Architecture", "Source", "Status", "Maintainer", "Depends", "Pre-Depends", "Provides", "Multi-Arch", "Installed-Size", "Conffiles");

    public string Id => "dpkg-status";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
    {
        if (entry.Kind != EntryKind.File)
        {
            return AnalyzerNeed.None;
        }

        var path = entry.Path.AsSpan();
        if (path.SequenceEqual(StatusPath))
        {
            return AnalyzerNeed.Content;
        }

        if (!path.StartsWith(StatusDirectory, StringComparison.Ordinal))
        {
            return AnalyzerNeed.None;
        }

        var name = path[StatusDirectory.Length..];
        return name.Length > 0 && name[0] != '.' && !name.Contains('/') && !name.EndsWith(".md5sums", StringComparison.Ordinal)
            ? AnalyzerNeed.Content
            : AnalyzerNeed.None;
    }

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var problems = new ProblemTally();
        var count = 0;
        Reader.Read(input.Content, (content, paragraph) =>
        {
            var package = ToPackage(content, paragraph, path, problems);
            if (package is null)
            {
                return true;
            }

            if (++count > MaxPackagesPerFile)
            {
                problems.Add("dpkg-too-many-packages", paragraph.Line, $"more than {MaxPackagesPerFile} packages; the rest of the file is ignored");
                return false;
            }

            result.AddPackage(package);
            return true;
        }, problems);
        problems.Report(result, path);
    }

    private static PackageRecord? ToPackage(ReadOnlySpan<byte> content, ControlParagraph p, string path, ProblemTally problems)
    {
        string? Field(ReadOnlySpan<byte> c, int field)
        {
            var value = p.Folded(c, field, MaxFieldBytes, out var tooLong);
            if (tooLong)
            {
                problems.Add("dpkg-field-too-long", p.Line, $"a field longer than {MaxFieldBytes} bytes was ignored");
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        var name = Field(content, FPackage);
        var version = Field(content, FVersion);
        if (name is null || version is null)
        {
            problems.Add("dpkg-missing-field", p.Line, "paragraph without Package or Version skipped");
            return null;
        }

        if (!DebianRelations.IsPackageName(name) || !IsVersion(version))
        {
            problems.Add("dpkg-invalid-value", p.Line, "paragraph with an invalid package name or version skipped");
            return null;
        }

        var status = Field(content, FStatus);
        if (status is not null && !IsInstalled(status, out var known))
        {
            if (!known)
            {
                problems.Add("dpkg-invalid-status", p.Line, "paragraph with an unknown Status skipped");
            }

            return null;
        }

        var (sourceName, sourceVersion) = ParseSource(Field(content, FSource));
        var depends = new SortedSet<string>(StringComparer.Ordinal);
        DebianRelations.AddNames(Field(content, FDepends), depends);
        DebianRelations.AddNames(Field(content, FPreDepends), depends);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (status is not null && status != "install ok installed")
        {
            metadata["status"] = status;
        }

        if (Field(content, FMultiArch) is { } multiArch)
        {
            metadata["multi-arch"] = multiArch;
        }

        if (Field(content, FInstalledSize) is { } size)
        {
            metadata["installed-size"] = size;
        }

        var provides = new SortedSet<string>(StringComparer.Ordinal);
        DebianRelations.AddNames(Field(content, FProvides), provides);
        if (provides.Count > 0)
        {
            metadata["provides"] = string.Join(", ", provides);
        }

        return new PackageRecord
        {
            Type = PackageTypes.Deb,
            Name = name,
            Version = version,
            Arch = Field(content, FArchitecture),
            SourceName = sourceName ?? name,
            SourceVersion = sourceVersion is not null && sourceVersion != version ? sourceVersion : null,
            Supplier = Field(content, FMaintainer),
            SourcePath = path,
            InstalledFiles = Conffiles(content, p, problems),
            DependsOn = [.. depends],
            Metadata = metadata,
        };
    }

    /// <summary>True when the status (<c>want flag status</c>) says the package's files are on disk;
    /// <paramref name="known"/> is false for a status word dpkg does not define.</summary>
    public static bool IsInstalled(string status, out bool known)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var word = words.Length == 3 ? words[2] : "";
        known = true;
        switch (word)
        {
            case "installed" or "half-installed" or "unpacked" or "half-configured" or "triggers-awaited" or "triggers-pending":
                return true;
            case "not-installed" or "config-files":
                return false;
            default:
                known = false;
                return false;
        }
    }

    private static (string? Name, string? Version) ParseSource(string? source)
    {
        if (source is null)
        {
            return (null, null);
        }

        var space = source.IndexOf(' ');
        var name = space < 0 ? source : source[..space];
        string? version = null;
        var open = source.IndexOf('(');
        var close = source.LastIndexOf(')');
        if (open >= 0 && close > open)
        {
            version = source[(open + 1)..close].Trim();
        }

        return (DebianRelations.IsPackageName(name) ? name : null, string.IsNullOrEmpty(version) || !IsVersion(version) ? null : version);
    }

    /// <summary>True for a version of Debian syntax: <c>[epoch:]upstream[-revision]</c>, epoch digits, upstream of
    /// letters, digits and <c>.+~-:</c>, revision of letters, digits and <c>.+~</c>.</summary>
    public static bool IsVersion(string version)
    {
        if (version.Length is 0 or > 256)
        {
            return false;
        }

        var rest = version.AsSpan();
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            if (colon == 0 || rest[..colon].ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            rest = rest[(colon + 1)..];
        }

        var dash = rest.LastIndexOf('-');
        var upstream = dash < 0 ? rest : rest[..dash];
        var revision = dash < 0 ? "" : rest[(dash + 1)..];
        if (upstream.IsEmpty || (dash >= 0 && revision.IsEmpty))
        {
            return false;
        }

        foreach (var c in upstream)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~' or '-' or ':'))
            {
                return false;
            }
        }

        foreach (var c in revision)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> Conffiles(ReadOnlySpan<byte> content, ControlParagraph p, ProblemTally problems)
    {
        var raw = p.Raw(content, FConffiles);
        if (raw.IsEmpty)
        {
            return [];
        }

        if (raw.Length > MaxConffilesBytes)
        {
            problems.Add("dpkg-field-too-long", p.Line, $"a Conffiles field longer than {MaxConffilesBytes} bytes was ignored");
            return [];
        }

        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in new LineEnumerator(raw))
        {
            // " /etc/foo.conf <md5> [obsolete|remove-on-upgrade]"
            var trimmed = line.Trim(" \t"u8);
            var space = trimmed.IndexOfAny(" \t"u8);
            var file = space < 0 ? trimmed : trimmed[..space];
            if (DpkgPaths.Normalize(file) is { } normalized)
            {
                files.Add(normalized);
            }
        }

        return [.. files];
    }
}
