using System.Buffers.Text;
using System.Text;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Apk;

/// <summary>Reads Alpine's installed database <c>lib/apk/db/installed</c>: paragraphs of <c>X:value</c> lines
/// (P name, V version, A arch, o origin, c commit, L licence, m maintainer, D dependencies, p provides,
/// F folder, R file and its Z checksum, C checksum). Dependencies are resolved within the database: a name, or a provided
/// name (<c>so:libc.musl-x86_64.so.1</c>, <c>pkgconfig</c>), becomes the package that provides it; a plain name
/// nobody installed is kept as written, an unresolved <c>so:</c>/<c>cmd:</c>/<c>pc:</c> or file path is dropped, conflicts
/// (<c>!name</c>) are ignored.</summary>
public sealed class ApkInstalledAnalyzer : IAnalyzer
{
    /// <summary>The database path.</summary>
    public const string InstalledPath = "lib/apk/db/installed";

    /// <summary>Most packages read from one database.</summary>
    public const int MaxPackages = 100_000;

    private const int MaxValueBytes = 64 * 1024;

    public string Id => "apk-installed";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Path.AsSpan().SequenceEqual(InstalledPath) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var problems = new ProblemTally();
        var entries = Read(input.Content, problems);
        var providers = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            Provide(providers, e.Name!, e.Name!);
            foreach (var provided in e.Provides)
            {
                Provide(providers, provided, e.Name!);
            }
        }

        foreach (var e in entries)
        {
            var depends = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var dependency in e.Depends)
            {
                if (providers.TryGetValue(dependency, out var names))
                {
                    depends.UnionWith(names.Where(n => n != e.Name));
                }
                else if (!dependency.Contains(':', StringComparison.Ordinal) && !dependency.StartsWith('/'))
                {
                    depends.Add(dependency);
                }
            }

            result.AddPackage(e.ToRecord(path, depends));
        }

        problems.Report(result, path);
    }

    private static void Provide(Dictionary<string, SortedSet<string>> providers, string name, string package)
    {
        if (!providers.TryGetValue(name, out var set))
        {
            providers[name] = set = new SortedSet<string>(StringComparer.Ordinal);
        }

        set.Add(package);
    }

    private static List<Entry> Read(ReadOnlySpan<byte> content, ProblemTally problems)
    {
        var entries = new List<Entry>();
        var current = new Entry();
        var started = false;
        var lineNumber = 0;
        var folder = "";
        foreach (var line in new LineEnumerator(content))
        {
            lineNumber++;
            if (line.IsEmpty)
            {
                if (started && !Finish(current, entries, problems))
                {
                    return entries;
                }

                current = new Entry();
                started = false;
                folder = "";
                continue;
            }

            if (!started)
            {
                current.Line = lineNumber;
                started = true;
            }

            if (line.Length < 2 || line[1] != (byte)':')
            {
                problems.Add("apk-malformed-line", lineNumber, "line is not 'X:value', skipped");
                continue;
            }

            var raw = line[2..];
            if (raw.Length > MaxValueBytes)
            {
                problems.Add("apk-value-too-long", lineNumber, $"a value longer than {MaxValueBytes} bytes was ignored");
                continue;
            }

            var value = Encoding.UTF8.GetString(raw).Trim();
            switch (line[0])
            {
                case (byte)'P': current.Name = value; break;
                case (byte)'V': current.Version = value; break;
                case (byte)'A': current.Arch = value; break;
                case (byte)'o': current.Origin = value; break;
                case (byte)'c': current.Commit = value; break;
                case (byte)'L': current.License = value; break;
                case (byte)'m': current.Maintainer = value; break;
                case (byte)'C': current.Checksum = value; break;
                case (byte)'D': AddNames(value, current.Depends, dependency: true); break;
                case (byte)'p': AddNames(value, current.Provides, dependency: false); break;
                case (byte)'F':
                    folder = DpkgPaths.Normalize(raw) ?? "";
                    break;
                case (byte)'R':
                    current.LastFile = null;
                    if (current.Files.Count < DpkgInfoAnalyzer.MaxFilesPerList && value.Length > 0 && !value.Contains('/', StringComparison.Ordinal))
                    {
                        current.LastFile = folder.Length == 0 ? value : folder + "/" + value;
                        current.Files.Add(current.LastFile);
                    }

                    break;
                case (byte)'Z':
                    // The checksum of the file named by the R: line just before (Q1 + base64 SHA-1).
                    if (current.LastFile is { } file && Entry.Sha1Digest(value) is { } fileDigest)
                    {
                        current.FileDigests[file] = fileDigest;
                    }

                    current.LastFile = null;
                    break;
            }
        }

        if (started)
        {
            Finish(current, entries, problems);
        }

        return entries;
    }

    private static bool Finish(Entry entry, List<Entry> entries, ProblemTally problems)
    {
        if (string.IsNullOrEmpty(entry.Name) || string.IsNullOrEmpty(entry.Version))
        {
            problems.Add("apk-missing-field", entry.Line, "package without P (name) or V (version) skipped");
            return true;
        }

        if (entries.Count >= MaxPackages)
        {
            problems.Add("apk-too-many-packages", entry.Line, $"more than {MaxPackages} packages; the rest of the database is ignored");
            return false;
        }

        entries.Add(entry);
        return true;
    }

    /// <summary>Adds the names of a space-separated <c>D:</c> or <c>p:</c> list, without version constraints.</summary>
    private static void AddNames(string value, SortedSet<string> names, bool dependency)
    {
        foreach (var token in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (dependency && token[0] == '!')
            {
                continue;
            }

            var stop = token.AsSpan().IndexOfAny("<>=~");
            var name = stop < 0 ? token : token[..stop];
            if (name.Length > 0 && names.Count < 10_000)
            {
                names.Add(name);
            }
        }
    }

    private sealed class Entry
    {
        public int Line;
        public string? Name;
        public string? Version;
        public string? Arch;
        public string? Origin;
        public string? Commit;
        public string? License;
        public string? Maintainer;
        public string? Checksum;
        public readonly SortedSet<string> Depends = new(StringComparer.Ordinal);
        public readonly SortedSet<string> Provides = new(StringComparer.Ordinal);
        public readonly List<string> Files = [];
        public readonly SortedDictionary<string, string> FileDigests = new(StringComparer.Ordinal);
        public string? LastFile;

        public PackageRecord ToRecord(string path, SortedSet<string> depends)
        {
            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (!string.IsNullOrEmpty(Commit))
            {
                metadata["commit"] = Commit;
            }

            if (!string.IsNullOrEmpty(Checksum))
            {
                metadata["checksum"] = Checksum;
                if (Sha1Digest(Checksum) is { } digest)
                {
                    metadata["digest"] = digest;
                }
            }

            if (Provides.Count > 0)
            {
                metadata["provides"] = string.Join(" ", Provides);
            }

            return new PackageRecord
            {
                Type = PackageTypes.Apk,
                Name = Name!,
                Version = Version!,
                Arch = string.IsNullOrEmpty(Arch) ? null : Arch,
                SourceName = string.IsNullOrEmpty(Origin) ? Name : Origin,
                Supplier = string.IsNullOrEmpty(Maintainer) ? null : Maintainer,
                Licenses = ApkLicenses.Parse(License),
                SourcePath = path,
                InstalledFiles = [.. Files.Distinct().Order(StringComparer.Ordinal)],
                FileDigests = FileDigests.Count > 0 ? FileDigests : null,
                DependsOn = [.. depends],
                Metadata = metadata,
            };
        }

        /// <summary>"Q1" + base64 of a SHA-1 → "sha1:hex"; null for other forms.</summary>
        public static string? Sha1Digest(string checksum)
        {
            if (!checksum.StartsWith("Q1", StringComparison.Ordinal) || checksum.Length != 30)
            {
                return null;
            }

            Span<byte> utf8 = stackalloc byte[28];
            Span<byte> sha1 = stackalloc byte[21];
            Encoding.ASCII.GetBytes(checksum.AsSpan(2), utf8);
            return Base64.DecodeFromUtf8(utf8, sha1, out _, out var written) == System.Buffers.OperationStatus.Done && written == 20
                ? "sha1:" + Convert.ToHexStringLower(sha1[..20])
                : null;
        }
    }
}
