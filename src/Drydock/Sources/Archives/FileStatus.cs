using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Drydock.Sources.Archives;

/// <summary>The kind of a local file system object, from its <c>st_mode</c> type bits.</summary>
public enum LocalFileType
{
    Other,
    Regular,
    Directory,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}

/// <summary>What <c>statx(2)</c> says about a local path: type, link count and identity (device and inode),
/// which .NET's file APIs do not expose. Linux only.</summary>
public readonly record struct FileStatus(LocalFileType Type, uint LinkCount, ulong Device, ulong Inode, long Size, uint SpecialMajor = 0, uint SpecialMinor = 0)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Reads the status of <paramref name="path"/>; with <paramref name="followSymlink"/> false a symlink
    /// describes itself. Throws <see cref="IOException"/> with the system error when the call fails.</summary>
    public static FileStatus Of(string path, bool followSymlink)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, followSymlink ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                2 or 20 => new FileNotFoundException($"'{path}' does not exist", path),
                13 => new UnauthorizedAccessException($"permission denied reading '{path}'"),
                _ => new IOException($"cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}"),
            };
        }

        var span = buffer.AsSpan();
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var type = (mode & 0xF000) switch
        {
            0x8000 => LocalFileType.Regular,
            0x4000 => LocalFileType.Directory,
            0xA000 => LocalFileType.Symlink,
            0x2000 => LocalFileType.CharDevice,
            0x6000 => LocalFileType.BlockDevice,
            0x1000 => LocalFileType.Fifo,
            0xC000 => LocalFileType.Socket,
            _ => LocalFileType.Other,
        };
        var nlink = BinaryPrimitives.ReadUInt32LittleEndian(span[16..]);
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(span[32..]);
        var size = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]);
        var device = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(span[140..]);
        // For a device file: the device it stands for (an overlay whiteout is character device 0:0).
        var special = (BinaryPrimitives.ReadUInt32LittleEndian(span[128..]), BinaryPrimitives.ReadUInt32LittleEndian(span[132..]));
        return new FileStatus(type, nlink, device, inode, size, special.Item1, special.Item2);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
