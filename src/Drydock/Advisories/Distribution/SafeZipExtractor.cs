using System.IO.Compression;

namespace Drydock.Advisories.Distribution;

/// <summary>Extracts a downloaded zip feed into an empty folder, treating it as hostile: entry names must be relative paths without
/// <c>..</c> (no zip-slip), only regular files are written, and entry count, entry size and total size are capped on the bytes
/// actually inflated, whatever the headers claim.</summary>
internal static class SafeZipExtractor
{
    /// <summary>Extracts <paramref name="zipPath"/> into <paramref name="destination"/> (created); returns the files written.</summary>
    public static async Task<int> ExtractAsync(string zipPath, string destination, AdvisoryUpdateOptions options, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var rootPrefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(File.OpenRead(zipPath), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new HostileInputException($"{zipPath}: not a valid zip archive ({e.Message})", e);
        }

        await using (archive.ConfigureAwait(false))
        {
            if (archive.Entries.Count > options.MaxZipEntries)
            {
                throw new HostileInputException($"{zipPath}: {archive.Entries.Count} entries, over the {options.MaxZipEntries} limit");
            }

            long total = 0;
            var files = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/'))
                {
                    continue; // a directory entry: folders are created for the files they hold
                }

                var target = SafePath(rootPrefix, name, zipPath);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (File.Exists(target) || Directory.Exists(target))
                {
                    throw new HostileInputException($"{zipPath}: entry {name} appears twice");
                }

                try
                {
                    var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                    {
                        long written = 0;
                        int n;
                        while ((n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            written += n;
                            total += n;
                            if (written > options.MaxZipEntryBytes)
                            {
                                throw new HostileInputException($"{zipPath}: entry {name} expands past the {options.MaxZipEntryBytes}-byte limit");
                            }

                            if (total > options.MaxZipTotalBytes)
                            {
                                throw new HostileInputException($"{zipPath}: expands past the {options.MaxZipTotalBytes}-byte limit");
                            }

                            await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (InvalidDataException e)
                {
                    throw new HostileInputException($"{zipPath}: entry {name} is damaged ({e.Message})", e);
                }

                files++;
            }

            return files;
        }
    }

    private static string SafePath(string rootPrefix, string name, string zipPath)
    {
        var parts = name.Split('/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains(':') || name.Contains('\0')
            || parts.Any(p => p is ".." or "." or ""))
        {
            throw new HostileInputException($"{zipPath}: entry name '{name}' leaves the extraction folder or is not a plain relative path");
        }

        var full = Path.GetFullPath(Path.Combine(rootPrefix, Path.Combine(parts)));
        return full.StartsWith(rootPrefix, StringComparison.Ordinal)
            ? full
            : throw new HostileInputException($"{zipPath}: entry name '{name}' leaves the extraction folder");
    }
}
