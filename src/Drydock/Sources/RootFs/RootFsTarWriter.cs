using System.Formats.Tar;
using Drydock.Sources.Archives;

namespace Drydock.Sources.RootFs;

/// <summary>Writes a directory tree as a PAX tar: ordinal order per directory, symlinks stored as links (never
/// followed), repeated device+inode pairs as hard links, device nodes and FIFOs as such, sockets skipped (a tar
/// cannot hold them). An unreadable file or directory fails the write with a <see cref="DrydockInputException"/>:
/// a silently incomplete layer would hide exactly the files a scan must see.</summary>
internal sealed class RootFsTarWriter(string root, string name, TarWriter tar)
{
    private readonly Dictionary<(ulong Device, ulong Inode), string> _linked = [];

    public Task WriteAsync(CancellationToken cancellationToken) => WriteDirectoryAsync(root, "", cancellationToken);

    private async Task WriteDirectoryAsync(string directory, string prefix, CancellationToken cancellationToken)
    {
        string[] children;
        try
        {
            children = Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).ToArray()!;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(prefix.Length == 0 ? "." : prefix, e);
        }

        Array.Sort(children, StringComparer.Ordinal);
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.Join(directory, child);
            var entryName = prefix + child;
            FileStatus status;
            try
            {
                status = FileStatus.Of(full, followSymlink: false);
            }
            catch (FileNotFoundException)
            {
                continue; // removed while walking
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Unreadable(entryName, e);
            }

            switch (status.Type)
            {
                case LocalFileType.Socket or LocalFileType.Other:
                    continue;
                case LocalFileType.Directory:
                    await WriteEntryAsync(full, entryName + "/", cancellationToken).ConfigureAwait(false);
                    await WriteDirectoryAsync(full, entryName + "/", cancellationToken).ConfigureAwait(false);
                    continue;
                case LocalFileType.Regular when status.LinkCount > 1:
                    if (_linked.TryGetValue((status.Device, status.Inode), out var first))
                    {
                        await WriteHardLinkAsync(full, entryName, first, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    _linked[(status.Device, status.Inode)] = entryName;
                    break;
            }

            await WriteEntryAsync(full, entryName, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteEntryAsync(string full, string entryName, CancellationToken cancellationToken)
    {
        try
        {
            await tar.WriteEntryAsync(full, entryName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(entryName, e);
        }
    }

    private async Task WriteHardLinkAsync(string full, string entryName, string target, CancellationToken cancellationToken)
    {
        var info = new FileInfo(full);
        var entry = new PaxTarEntry(TarEntryType.HardLink, entryName)
        {
            LinkName = target,
            Mode = info.UnixFileMode,
            ModificationTime = info.LastWriteTimeUtc,
        };
        await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private DrydockInputException Unreadable(string entryName, Exception e)
        => new($"{name}: cannot read '{TarArchiveIndex.Short(entryName)}' ({e.Message})", e);
}
