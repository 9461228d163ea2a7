using Drydock.Analysis.Content;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;

namespace Drydock.Analysis;

/// <summary>Collects one layer's analyzer output while the layer is walked; <see cref="Build"/> sorts it into a
/// <see cref="LayerResult"/>. One builder per layer, used by one thread.</summary>
public sealed class LayerResultBuilder
{
    private readonly List<FileRecord> _files = [];
    private readonly List<string> _whiteouts = [];
    private readonly List<string> _opaque = [];
    private readonly List<OsReleaseFile> _osFiles = [];
    private readonly List<Diagnostic> _warnings = [];
    private readonly List<PackageRecord> _packages = [];
    private readonly List<PackageEvidence> _evidence = [];
    private readonly List<ContentFinding> _contentFindings = [];
    private readonly List<ExecutableRecord> _executables = [];
    private readonly List<SecretFinding> _secrets = [];
    private int _skippedLarge;

    /// <summary>Records a census entry.</summary>
    public void AddFile(FileRecord file) => _files.Add(file);

    /// <summary>Records a whiteout marker.</summary>
    public void AddWhiteout(string path) => _whiteouts.Add(path);

    /// <summary>Records an opaque-directory marker.</summary>
    public void AddOpaqueDirectory(string path) => _opaque.Add(path);

    /// <summary>Records a release file.</summary>
    public void AddOsReleaseFile(OsReleaseFile file) => _osFiles.Add(file);

    /// <summary>Records a package.</summary>
    public void AddPackage(PackageRecord package) => _packages.Add(package);

    /// <summary>Records a package fact read from another file.</summary>
    public void AddPackageEvidence(PackageEvidence evidence) => _evidence.Add(evidence);

    /// <summary>Records a malicious-content rule match.</summary>
    public void AddContentFinding(ContentFinding finding) => _contentFindings.Add(finding);

    /// <summary>Records an executable and its hash.</summary>
    public void AddExecutable(ExecutableRecord executable) => _executables.Add(executable);

    /// <summary>Records a secret (already masked).</summary>
    public void AddSecret(SecretFinding secret) => _secrets.Add(secret);

    /// <summary>A private directory for analyzers that need a file on disk (an SQLite database); deleted after the layer.</summary>
    public string ScratchDirectory
    {
        get
        {
            if (_scratch is null)
            {
                _scratch = Path.Combine(ScratchRoot, "layer-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(_scratch);
            }

            return _scratch;
        }
    }

    /// <summary>Where scratch directories are made (the runner sets it under the cache directory).</summary>
    public string ScratchRoot { get; init; } = Path.Combine(Path.GetTempPath(), "drydock");

    private string? _scratch;

    /// <summary>Deletes the scratch directory, if one was made.</summary>
    public void DeleteScratch()
    {
        if (_scratch is not null && Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }

        _scratch = null;
    }

    /// <summary>Records a warning.</summary>
    public void Warn(Diagnostic diagnostic) => _warnings.Add(diagnostic);

    /// <summary>Counts a file skipped for size.</summary>
    public void CountSkippedLargeFile() => _skippedLarge++;

    /// <summary>Builds the sorted result.</summary>
    public LayerResult Build(string diffId, string compression, long uncompressedSize, int entryCount)
    {
        // Tar archives may repeat a path; the last entry wins, as when extracting.
        var files = new Dictionary<string, FileRecord>(_files.Count, StringComparer.Ordinal);
        foreach (var f in _files)
        {
            files[f.Path] = f;
        }

        return new LayerResult
        {
            DiffId = diffId,
            Compression = compression,
            UncompressedSize = uncompressedSize,
            EntryCount = entryCount,
            Files = SortedByPath(files.Values),
            Whiteouts = [.. _whiteouts.Distinct().Order(StringComparer.Ordinal)],
            OpaqueDirectories = [.. _opaque.Distinct().Order(StringComparer.Ordinal)],
            OsReleaseFiles = [.. _osFiles.GroupBy(f => f.Path).Select(g => g.Last()).OrderBy(f => f.Path, StringComparer.Ordinal)],
            Packages = DistinctSortedPackages(_packages),
            PackageEvidence = [.. _evidence.OrderBy(e => e.SourcePath, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal)
                .ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal)],
            ContentFindings = [.. _contentFindings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            Executables = [.. _executables.GroupBy(e => e.Path, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(e => e.Path, StringComparer.Ordinal)],
            Secrets = [.. _secrets.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal)],
            SkippedLargeFiles = _skippedLarge,
            Warnings = [.. _warnings.OrderBy(w => w.Path, StringComparer.Ordinal).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Message, StringComparer.Ordinal)],
        };
    }

    private static int CompareFound((PackageRecord Record, int Found) a, (PackageRecord Record, int Found) b)
    {
        var (x, y) = (a.Record, b.Record);
        var c = string.CompareOrdinal(x.SourcePath, y.SourcePath);
        c = c != 0 ? c : string.CompareOrdinal(x.InnerPath, y.InnerPath);
        c = c != 0 ? c : string.CompareOrdinal(x.Type, y.Type);
        c = c != 0 ? c : string.CompareOrdinal(x.Namespace, y.Namespace);
        c = c != 0 ? c : string.CompareOrdinal(x.Name, y.Name);
        c = c != 0 ? c : string.CompareOrdinal(x.Version, y.Version);
        c = c != 0 ? c : string.CompareOrdinal(x.Arch, y.Arch);
        return c != 0 ? c : a.Found.CompareTo(b.Found);
    }

    // Paths are unique here (one record per path): an unstable sort gives the same order as a stable one. Layers are mostly
    // written in path order, and one pass over neighbours is far cheaper than the sort's comparisons of long common prefixes.
    private static List<FileRecord> SortedByPath(IEnumerable<FileRecord> files)
    {
        var sorted = files.ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.CompareOrdinal(sorted[i - 1].Path, sorted[i].Path) > 0)
            {
                sorted.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
                break;
            }
        }

        return sorted;
    }

    // The first record of each identity, ordered by source, inner path, type, namespace, name, version and arch; ties keep
    // the order they were found in (one comparison sort: thousands of npm packages make a chain of OrderBy costly).
    private static List<PackageRecord> DistinctSortedPackages(List<PackageRecord> packages)
    {
        var seen = new HashSet<PackageRecord>(packages.Count, PackageIdentity.Comparer);
        var kept = new List<(PackageRecord Record, int Found)>(packages.Count);
        foreach (var package in packages)
        {
            if (seen.Add(package))
            {
                kept.Add((package, kept.Count));
            }
        }

        for (var i = 1; i < kept.Count; i++)
        {
            if (CompareFound(kept[i - 1], kept[i]) > 0)
            {
                kept.Sort(CompareFound);
                break;
            }
        }

        return kept.ConvertAll(k => k.Record);
    }
}
