using System.IO.Compression;
using System.Text;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Python;

/// <summary>Installed Python distributions: <c>*.dist-info/METADATA</c> (wheels), <c>*.egg-info/PKG-INFO</c> and
/// <c>*.egg-info</c> files (setuptools), <c>*.egg/EGG-INFO/PKG-INFO</c> and zipped <c>*.egg</c> files. Names are
/// PEP 503 normalised; the name as written is kept in <c>Metadata["name"]</c>.</summary>
public sealed class PythonPackageAnalyzer : IAnalyzer, IContentFilter
{
    private const int MaxPkgInfoBytes = 1024 * 1024;

    public string Id => "python-packages";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && KindOf(entry.Path) != FileKind.None ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head)
        => KindOf(entry.Path) != FileKind.ZippedEgg || head.StartsWith("PK\x03\x04"u8);

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        string text;
        string? innerPath = null;
        if (KindOf(path) == FileKind.ZippedEgg)
        {
            innerPath = "EGG-INFO/PKG-INFO";
            var fromZip = ReadEggPkgInfo(input.Content, path, result);
            if (fromZip is null)
            {
                return;
            }

            text = fromZip;
        }
        else
        {
            // Descriptions carry any bytes (Trivy's unidecode fixture); only the header block must be text.
            text = Encoding.UTF8.GetString(input.Content);
        }

        var metadata = PythonMetadata.Parse(text);
        if (string.IsNullOrWhiteSpace(metadata.Name) || string.IsNullOrWhiteSpace(metadata.Version))
        {
            result.Warn(new Diagnostic("python-missing-name-or-version", "Python package metadata has no Name or no Version; not recorded", path));
            return;
        }

        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["name"] = metadata.Name };
        if (metadata.LicenseFile is { Length: > 0 } licenseFile)
        {
            facts["license-file"] = licenseFile;
        }

        result.AddPackage(new PackageRecord
        {
            Type = PackageTypes.PyPI,
            Name = Pep503.Normalize(metadata.Name),
            Version = metadata.Version,
            Licenses = metadata.Licenses,
            Supplier = metadata.Author,
            SourcePath = path,
            InnerPath = innerPath,
            Metadata = facts,
            DependsOn = metadata.Requires,
        });
    }

    private static string? ReadEggPkgInfo(ReadOnlySpan<byte> content, string path, LayerResultBuilder result)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var entry = zip.GetEntry("EGG-INFO/PKG-INFO");
            if (entry is null)
            {
                result.Warn(new Diagnostic("python-egg-without-pkg-info", ".egg archive has no EGG-INFO/PKG-INFO", path));
                return null;
            }

            if (entry.Length > MaxPkgInfoBytes)
            {
                result.Warn(new Diagnostic("python-egg-pkg-info-too-large", $"EGG-INFO/PKG-INFO declares {entry.Length} bytes (limit {MaxPkgInfoBytes})", path));
                return null;
            }

            // Read at most the limit whatever the header claims (a lying size is how zip bombs get in).
            using var stream = entry.Open();
            var buffer = new byte[MaxPkgInfoBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (InvalidDataException e)
        {
            result.Warn(new Diagnostic("python-invalid-egg", $".egg archive could not be read: {e.Message}", path));
            return null;
        }
    }

    private enum FileKind : byte
    {
        None,
        Metadata,
        ZippedEgg,
    }

    private static FileKind KindOf(ReadOnlySpan<char> path)
    {
        if (path.EndsWith(".dist-info/METADATA", StringComparison.Ordinal)
            || path.EndsWith(".egg-info/PKG-INFO", StringComparison.Ordinal)
            || path.EndsWith(".egg-info", StringComparison.Ordinal)
            || path.EndsWith(".egg/EGG-INFO/PKG-INFO", StringComparison.Ordinal))
        {
            return FileKind.Metadata;
        }

        return path.EndsWith(".egg", StringComparison.Ordinal) ? FileKind.ZippedEgg : FileKind.None;
    }
}
