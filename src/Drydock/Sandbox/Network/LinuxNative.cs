using System.Runtime.InteropServices;

namespace Drydock.Sandbox.Network;

/// <summary>The few libc calls .NET does not expose: joining a network namespace and reading a datagram's ancillary data.</summary>
internal static partial class LinuxNative
{
    public const int CloneNewNet = 0x40000000;
    public const int SolIp = 0;
    public const int IpTransparent = 19;
    public const int IpRecvOrigDstAddr = 20;
    public const int IpOrigDstAddr = 20;
    public const int SoOriginalDst = 80;
    public const int EAgain = 11;
    public const int EIntr = 4;
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;

    /// <summary>Opens <paramref name="path"/> read-only and close-on-exec; -1 and errno on failure.</summary>
    public static int OpenReadOnly(string path) => Open(path, ORdOnly | OCloExec);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nstype);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    public static unsafe partial nint RecvMsg(nint socket, MessageHeader* message, int flags);

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct IoVector
    {
        public nint Base;
        public nuint Length;
    }

    /// <summary><c>struct msghdr</c> (64-bit Linux layout; sequential layout pads as C does).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public nint Name;
        public uint NameLength;
        public nint Vectors;
        public nuint VectorCount;
        public nint Control;
        public nuint ControlLength;
        public int Flags;
    }
}
