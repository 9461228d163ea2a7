using System.Formats.Tar;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Sources.Archives;

/// <summary>A tar archive indexed once: one pass over its headers records where each member's data lies; members
/// are then served as read-only windows over the one open handle (positional reads, so layers can be read in
/// parallel, and the file cannot be swapped after indexing). Nothing is extracted. Dispose to close the file.</summary>
public sealed class TarArchiveIndex : IAsyncDisposable, IDisposable
{
    /// <summary>Most links followed to reach one member.</summary>
    public const int MaxLinkHops = 16;

    /// <summary>Most members an archive may hold.</summary>
    public const int MaxMembers = 1_000_000;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, TarArchiveMember> _members;

    private TarArchiveIndex(string name, SafeFileHandle handle, Dictionary<string, TarArchiveMember> members)
    {
        Name = name;
        _handle = handle;
        _members = members;
    }

    /// <summary>A name for messages (the transport and path).</summary>
    public string Name { get; }

    /// <summary>The indexed members by normalised name.</summary>
    public IReadOnlyDictionary<string, TarArchiveMember> Members => _members;

    /// <summary>Opens and indexes the archive at <paramref name="path"/>; <paramref name="name"/> prefixes messages.</summary>
    public static async Task<TarArchiveIndex> OpenAsync(string path, string name, CancellationToken cancellationToken)
    {
        var handle = OpenRegularFile(path, name);
        try
        {
            var members = await IndexAsync(handle, name, cancellationToken).ConfigureAwait(false);
            return new TarArchiveIndex(name, handle, members);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static SafeFileHandle OpenRegularFile(string path, string name)
    {
        FileStatus status;
        try
        {
            status = FileStatus.Of(path, followSymlink: true);
        }
        catch (FileNotFoundException)
        {
            throw new DrydockInputException($"{name}: no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"{name}: {e.Message}", e);
        }

        if (status.Type != LocalFileType.Regular)
        {
            throw new DrydockInputException($"{name}: not a regular file (it is a {status.Type.ToString().ToLowerInvariant()})");
        }

        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"{name}: cannot open the archive ({e.Message})", e);
        }
    }

    private static async Task<Dictionary<string, TarArchiveMember>> IndexAsync(SafeFileHandle handle, string name, CancellationToken cancellationToken)
    {
        var fileLength = RandomAccess.GetLength(handle);
        var members = new Dictionary<string, TarArchiveMember>(StringComparer.Ordinal);
        var whole = new ArchiveWindowStream(handle, 0, fileLength);
        var reader = new TarReader(whole, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException)
                {
                    throw new HostileInputException($"{name}: corrupt or truncated archive ({FirstLine(e.Message)})", e);
                }

                if (entry is null)
                {
                    break;
                }

                if (members.Count >= MaxMembers)
                {
                    throw new HostileInputException($"{name}: more than {MaxMembers} archive members");
                }

                var member = ToMember(entry, name, fileLength);
                if (member is null)
                {
                    continue;
                }

                if (members.TryGetValue(member.Name, out var previous) && !(previous.Type == TarEntryType.Directory && member.Type == TarEntryType.Directory))
                {
                    throw new HostileInputException($"{name}: the archive holds '{Short(member.Name)}' more than once");
                }

                members[member.Name] = member;
            }
        }

        return members;
    }

    private static TarArchiveMember? ToMember(TarEntry entry, string name, long fileLength)
    {
        var normalised = ArchivePath.Normalise(entry.Name);
        if (string.IsNullOrEmpty(normalised))
        {
            return null; // the root itself, or a name climbing out of the archive: never addressable
        }

        var length = entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile ? entry.Length : 0;
        var offset = entry.DataOffset;
        if (length > 0 && (offset < 0 || offset + length > fileLength))
        {
            throw new HostileInputException($"{name}: truncated archive, member '{Short(normalised)}' ends past the end of the file");
        }

        var link = entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? entry.LinkName : null;
        return new TarArchiveMember(normalised, entry.EntryType, offset, length, link);
    }

    /// <summary>Finds the regular file <paramref name="memberName"/> names, following symbolic and hard links inside
    /// the archive; null when a name on the way is missing. <paramref name="what"/> describes the member in messages.</summary>
    public TarArchiveMember? TryResolve(string memberName, string what)
    {
        var name = ArchivePath.Normalise(memberName);
        if (string.IsNullOrEmpty(name))
        {
            throw new HostileInputException($"{Name}: {what} '{Short(memberName)}' names a path outside the archive");
        }

        for (var hop = 0; hop <= MaxLinkHops; hop++)
        {
            if (!_members.TryGetValue(name, out var member))
            {
                return null;
            }

            switch (member.Type)
            {
                case TarEntryType.SymbolicLink:
                    name = ArchivePath.ResolveSymlink(member.Name, member.LinkName ?? "")
                        ?? throw new HostileInputException($"{Name}: {what} '{Short(memberName)}' is a symlink pointing outside the archive");
                    break;
                case TarEntryType.HardLink:
                    name = ArchivePath.Normalise(member.LinkName ?? "")
                        ?? throw new HostileInputException($"{Name}: {what} '{Short(memberName)}' is a hard link pointing outside the archive");
                    break;
                default:
                    if (!member.IsFile)
                    {
                        throw new DrydockInputException($"{Name}: {what} '{Short(memberName)}' is not a regular file");
                    }

                    return member;
            }

            if (name.Length == 0)
            {
                throw new DrydockInputException($"{Name}: {what} '{Short(memberName)}' links to the archive root");
            }
        }

        throw new HostileInputException($"{Name}: {what} '{Short(memberName)}' goes through more than {MaxLinkHops} links (a link loop?)");
    }

    /// <summary>Like <see cref="TryResolve"/>, but a missing member is an error.</summary>
    public TarArchiveMember Resolve(string memberName, string what)
        => TryResolve(memberName, what) ?? throw new DrydockInputException($"{Name}: {what} '{Short(memberName)}' is missing from the archive");

    /// <summary>Opens a member's data as a read-only window (not verified: wrap it in a <see cref="VerifyingStream"/>).</summary>
    public Stream Open(TarArchiveMember member)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return new ArchiveWindowStream(_handle, member.DataOffset, member.Length);
    }

    /// <summary>Reads the first bytes of a member (for magic-byte sniffing).</summary>
    public async ValueTask<byte[]> ReadPrefixAsync(TarArchiveMember member, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(count, member.Length)];
        var read = await RandomAccess.ReadAsync(_handle, buffer, member.DataOffset, cancellationToken).ConfigureAwait(false);
        return buffer[..read];
    }

    /// <summary>Reads a whole small member, refusing one over <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]> ReadAllAsync(TarArchiveMember member, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (member.Length > maxBytes)
        {
            throw new HostileInputException($"{Name}: {what} is {member.Length} bytes, over the {maxBytes}-byte limit");
        }

        var buffer = new byte[member.Length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await RandomAccess.ReadAsync(_handle, buffer.AsMemory(read), member.DataOffset + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new HostileInputException($"{Name}: {what} is truncated");
            }

            read += n;
        }

        return buffer;
    }

    public void Dispose() => _handle.Dispose();

    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    internal static string Short(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
