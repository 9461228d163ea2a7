using System.Security.Cryptography;

namespace Drydock.Sandbox.Files;

/// <summary>Reads the overlay's writable layer after a run: every path there was created or modified by the
/// container (it exists in the image root or not), a character device 0:0 is a deletion, an opaque directory
/// replaced a directory of the image.</summary>
public sealed class UpperDirDiff(int maxChanges = 10_000, long maxHashedBytes = 256L * 1024 * 1024)
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The changes, sorted by path; paths in <paramref name="ignored"/> (the sandbox's own mount points) are left out.</summary>
    /// <param name="upper">The overlay upper directory.</param>
    /// <param name="lower">The image root the overlay was mounted over.</param>
    /// <param name="ignored">Container paths the sandbox itself created.</param>
    /// <param name="dropped">How many changes were past <c>maxChanges</c>.</param>
    public IReadOnlyList<FileChange> Read(string upper, string lower, IReadOnlySet<string> ignored, out int dropped)
    {
        var changes = new List<FileChange>();
        dropped = 0;
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.TryPop(out var relative))
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(Path.Join(upper, relative)).EnumerateFileSystemInfos();
            }
            catch (IOException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                var containerPath = "/" + path;
                var isDirectory = entry is DirectoryInfo && entry.LinkTarget is null;
                if (isDirectory)
                {
                    pending.Push(path);
                }

                if (ignored.Contains(containerPath))
                {
                    continue;
                }

                var change = Describe(entry, path, containerPath, lower, isDirectory);
                if (change is null)
                {
                    continue;
                }

                if (changes.Count >= maxChanges)
                {
                    dropped++;
                    continue;
                }

                changes.Add(change);
            }
        }

        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }

    private FileChange? Describe(FileSystemInfo entry, string path, string containerPath, string lower, bool isDirectory)
    {
        var lowerPath = Path.Join(lower, path);
        var lowerInfo = new FileInfo(lowerPath);
        var inLower = lowerInfo.LinkTarget is not null || lowerInfo.Exists || Directory.Exists(lowerPath);
        if (IsWhiteout(entry))
        {
            return inLower ? new FileChange(containerPath, FileChangeKind.Deleted, "whiteout", 0, 0, false, null) : null;
        }

        if (isDirectory)
        {
            // A directory the overlay copied up only because something below it changed is not itself a change.
            return inLower ? null : new FileChange(containerPath, FileChangeKind.Created, "directory", 0, (int)entry.UnixFileMode & 0xFFF, false, null);
        }

        if (entry.LinkTarget is not null)
        {
            return new FileChange(containerPath, inLower ? FileChangeKind.Modified : FileChangeKind.Created, "symlink", 0, 0, false, null);
        }

        if (entry is not FileInfo file || (entry.Attributes & FileAttributes.Device) != 0)
        {
            return new FileChange(containerPath, inLower ? FileChangeKind.Modified : FileChangeKind.Created, "other", 0, 0, false, null);
        }

        var executable = (file.UnixFileMode & AnyExecute) != 0;
        var wasExecutable = inLower && lowerInfo.LinkTarget is null && lowerInfo.Exists && (lowerInfo.UnixFileMode & AnyExecute) != 0;
        var hash = executable && file.Length <= maxHashedBytes ? Hash(file) : null;
        return new FileChange(containerPath, inLower ? FileChangeKind.Modified : FileChangeKind.Created, "file", file.Length,
            (int)file.UnixFileMode & 0xFFF, executable && !wasExecutable, hash);
    }

    private static bool IsWhiteout(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo || entry.LinkTarget is not null)
        {
            return false;
        }

        try
        {
            var status = Sources.Archives.FileStatus.Of(entry.FullName, followSymlink: false);
            return status is { Type: Sources.Archives.LocalFileType.CharDevice, SpecialMajor: 0, SpecialMinor: 0 };
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string? Hash(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
