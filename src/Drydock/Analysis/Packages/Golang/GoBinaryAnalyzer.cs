using Drydock.Layers;

namespace Drydock.Analysis.Packages.Golang;

/// <summary>Reads the build information of Go executables (ELF): one package per module dependency, the main module and
/// the toolchain as the package <c>stdlib</c>.</summary>
public sealed class GoBinaryAnalyzer : IAnalyzer, IContentFilter
{
    /// <summary>The package name under which the Go toolchain (standard library) is recorded, as Trivy and Grype do.</summary>
    public const string StdlibName = "stdlib";

    private const int ExecuteBits = 0x49; // 0o111
    private const int MinElfSize = 64;

    // Build settings copied onto the main module.
    private static readonly string[] KeptSettings = ["-ldflags", "-tags", "CGO_ENABLED", "GOARCH", "GOOS", "vcs", "vcs.modified", "vcs.revision", "vcs.time"];

    public string Id => "go-binary";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && (entry.Mode & ExecuteBits) != 0 && entry.Size >= MinElfSize ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => ElfImage.HasMagic(head);

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        GoBuildInfoBlob? blob;
        GoModInfo mod;
        try
        {
            blob = GoBuildInfoReader.Read(input.Content);
            if (blob is null)
            {
                return;
            }

            mod = GoModInfo.Parse(blob.ModInfo);
        }
        catch (InvalidDataException e)
        {
            result.Warn(new Diagnostic("go-buildinfo-malformed", $"Go build information unreadable: {e.Message}", path));
            return;
        }

        foreach (var p in Packages(blob, mod, path))
        {
            result.AddPackage(p);
        }
    }

    internal static IEnumerable<PackageRecord> Packages(GoBuildInfoBlob blob, GoModInfo mod, string path)
    {
        var goVersion = blob.GoVersion;
        if (goVersion.Length > 0)
        {
            yield return new PackageRecord
            {
                Type = PackageTypes.Golang,
                Name = StdlibName,
                Version = StdlibVersion(goVersion),
                SourcePath = path,
                Metadata = Meta(goVersion),
            };
        }

        foreach (var dep in mod.Deps)
        {
            // Old toolchains could list the main module as a dependency with an empty path.
            if (dep.Path.Length == 0)
            {
                continue;
            }

            var meta = Meta(goVersion);
            AddSum(meta, dep.Sum);
            if (dep.Replace is { } r)
            {
                meta["replacedBy"] = r.Version.Length > 0 ? $"{r.Path} {r.Version}" : r.Path;
            }

            yield return new PackageRecord
            {
                Type = PackageTypes.Golang,
                Name = dep.Path,
                Version = dep.Version,
                SourcePath = path,
                Metadata = meta,
            };
        }

        if (mod.Main is { Path.Length: > 0 } main)
        {
            var meta = Meta(goVersion);
            meta["mainModule"] = "true";
            AddSum(meta, main.Sum);
            if (mod.MainPackage is { Length: > 0 } mainPackage)
            {
                meta["mainPackage"] = mainPackage;
            }

            foreach (var key in KeptSettings)
            {
                if (mod.Setting(key) is { } value)
                {
                    meta["build:" + key] = value;
                }
            }

            // As Trivy: "(devel)" means no version; a version stamped with -ldflags -X replaces none or a v0.0.0 pseudo-version.
            var version = main.Version == "(devel)" ? "" : main.Version;
            if (main.Version == "(devel)")
            {
                meta["declaredVersion"] = main.Version;
            }

            var stamped = GoLdflagsVersion.Find(main.Path, mod.Setting("-ldflags"));
            if (stamped is not null && (version.Length == 0 || version.StartsWith("v0.0.0", StringComparison.Ordinal)))
            {
                version = stamped;
                meta["versionSource"] = "ldflags";
            }

            yield return new PackageRecord
            {
                Type = PackageTypes.Golang,
                Name = main.Path,
                Version = version,
                SourcePath = path,
                Metadata = meta,
            };
        }
    }

    /// <summary>"go1.22.3 X:boringcrypto" → "v1.22.3": the toolchain version in module-version form, as Trivy records it.</summary>
    public static string StdlibVersion(string goVersion)
    {
        var v = goVersion.StartsWith("go", StringComparison.Ordinal) ? goVersion[2..] : goVersion;
        var space = v.IndexOf(' ');
        return "v" + (space >= 0 ? v[..space] : v);
    }

    private static SortedDictionary<string, string> Meta(string goVersion)
        => new(StringComparer.Ordinal) { ["goVersion"] = goVersion };

    private static void AddSum(SortedDictionary<string, string> meta, string sum)
    {
        if (sum.Length > 0)
        {
            meta["sum"] = sum;
        }
    }
}
