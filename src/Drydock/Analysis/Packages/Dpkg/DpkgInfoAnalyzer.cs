using Drydock.Layers;

namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Reads the files each dpkg package installed: <c>var/lib/dpkg/info/NAME.list</c> (absolute paths, with
/// the directories) and <c>NAME.md5sums</c> (checksum and relative path), plus the <c>*.md5sums</c> beside
/// distroless <c>status.d</c> entries. Emits <see cref="PackageEvidence.Files"/> for NAME (which keeps a
/// <c>:arch</c> suffix when dpkg wrote one), paths without a leading slash, and from md5sums also
/// <see cref="PackageEvidence.FileDigests"/> (each file's MD5, for the SBOMs). From <c>.list</c> files a path that
/// the next line continues (<c>/usr/bin</c> before <c>/usr/bin/tar</c>) is a directory and is left out.</summary>
public sealed class DpkgInfoAnalyzer : IAnalyzer
{
    /// <summary>dpkg's per-package information folder (with trailing slash).</summary>
    public const string InfoDirectory = "var/lib/dpkg/info/";

    /// <summary>Most files kept from one list.</summary>
    public const int MaxFilesPerList = 500_000;

    public string Id => "dpkg-info";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
    {
        if (entry.Kind != EntryKind.File)
        {
            return AnalyzerNeed.None;
        }

        var path = entry.Path.AsSpan();
        ReadOnlySpan<char> name;
        if (path.StartsWith(InfoDirectory, StringComparison.Ordinal))
        {
            name = path[InfoDirectory.Length..];
            if (name.EndsWith(".list", StringComparison.Ordinal) && name.Length > ".list".Length && !name.Contains('/'))
            {
                return AnalyzerNeed.Content;
            }
        }
        else if (path.StartsWith(DpkgStatusAnalyzer.StatusDirectory, StringComparison.Ordinal))
        {
            name = path[DpkgStatusAnalyzer.StatusDirectory.Length..];
        }
        else
        {
            return AnalyzerNeed.None;
        }

        return name.EndsWith(".md5sums", StringComparison.Ordinal) && name.Length > ".md5sums".Length && !name.Contains('/')
            ? AnalyzerNeed.Content
            : AnalyzerNeed.None;
    }

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var fileName = input.Entry.FileName;
        var isList = fileName.EndsWith(".list", StringComparison.Ordinal);
        var package = fileName[..fileName.LastIndexOf('.')].ToString();
        var problems = new ProblemTally();
        var digests = isList ? null : new List<string>();
        var files = isList ? ReadList(input.Content, problems) : ReadMd5sums(input.Content, problems, digests);
        problems.Report(result, path);
        if (files.Count > 0)
        {
            result.AddPackageEvidence(new PackageEvidence(PackageTypes.Deb, package, PackageEvidence.Files, files, path));
        }

        if (digests is { Count: > 0 })
        {
            digests.Sort(StringComparer.Ordinal);
            result.AddPackageEvidence(new PackageEvidence(PackageTypes.Deb, package, PackageEvidence.FileDigests, digests, path));
        }
    }

    /// <summary>The files of a <c>.list</c> file: directories (a line the next line extends) and <c>/.</c> left out.</summary>
    public static List<string> ReadList(ReadOnlySpan<byte> content, ProblemTally problems)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        ReadOnlySpan<byte> previous = default;
        var lineNumber = 0;
        foreach (var line in new LineEnumerator(content))
        {
            lineNumber++;
            if (line.IsEmpty || line.SequenceEqual("/."u8))
            {
                continue;
            }

            if (!previous.IsEmpty && !(line.Length > previous.Length && line.StartsWith(previous) && line[previous.Length] == (byte)'/'))
            {
                if (!Add(files, previous, lineNumber - 1, problems))
                {
                    return [.. files];
                }
            }

            previous = line;
        }

        if (!previous.IsEmpty)
        {
            Add(files, previous, lineNumber, problems);
        }

        return [.. files];
    }

    /// <summary>The files of a <c>.md5sums</c> file (lines of <c>checksum  relative/path</c>); with
    /// <paramref name="digests"/>, also each file's MD5 as a <see cref="FileDigest.Entry"/>.</summary>
    public static List<string> ReadMd5sums(ReadOnlySpan<byte> content, ProblemTally problems, List<string>? digests = null)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in new LineEnumerator(content))
        {
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            var space = line.IndexOf((byte)' ');
            var hash = space < 0 ? line : line[..space];
            if (space < 0 || hash.Length != 32 || hash.IndexOfAnyExcept("0123456789abcdefABCDEF"u8) >= 0)
            {
                problems.Add("dpkg-malformed-md5sums", lineNumber, "md5sums line is not 'checksum  path', skipped");
                continue;
            }

            var file = line[(space + 1)..];
            if (file.StartsWith(" "u8) || file.StartsWith("*"u8))
            {
                file = file[1..];
            }

            if (!Add(files, file, lineNumber, problems, out var added))
            {
                break;
            }

            if (digests is not null && added is not null)
            {
                digests.Add(FileDigest.Entry(added, new FileDigest(FileDigest.Md5, System.Text.Encoding.ASCII.GetString(hash).ToLowerInvariant())));
            }
        }

        return [.. files];
    }

    private static bool Add(SortedSet<string> files, ReadOnlySpan<byte> path, int lineNumber, ProblemTally problems)
        => Add(files, path, lineNumber, problems, out _);

    private static bool Add(SortedSet<string> files, ReadOnlySpan<byte> path, int lineNumber, ProblemTally problems, out string? added)
    {
        added = null;
        if (files.Count >= MaxFilesPerList)
        {
            problems.Add("dpkg-too-many-files", lineNumber, $"more than {MaxFilesPerList} files listed; the rest is ignored");
            return false;
        }

        if (DpkgPaths.Normalize(path) is { } normalized)
        {
            files.Add(normalized);
            added = normalized;
        }
        else if (path.Length > DpkgPaths.MaxPathBytes || path.Contains((byte)0))
        {
            problems.Add("dpkg-invalid-path", lineNumber, "an over-long or NUL-holding path was skipped");
        }

        return true;
    }
}
