using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Drydock.Sandbox.Network;

/// <summary>Reads a Linux <c>struct sockaddr_in</c> (family, port big-endian at 2-3, address at 4-7) and asks the kernel
/// for a redirected connection's original destination (<c>SO_ORIGINAL_DST</c>).</summary>
internal static class SocketAddressIn
{
    /// <summary>The IPv4 endpoint in <paramref name="raw"/>, or null when it is too short.</summary>
    public static IPEndPoint? Parse(ReadOnlySpan<byte> raw)
        => raw.Length < 8 ? null : new IPEndPoint(new IPAddress(raw[4..8]), BinaryPrimitives.ReadUInt16BigEndian(raw[2..]));

    /// <summary>Where the client meant to connect before the REDIRECT rule; the local endpoint when conntrack does not know.</summary>
    public static IPEndPoint OriginalDestination(Socket accepted)
    {
        Span<byte> buffer = stackalloc byte[16];
        try
        {
            var length = accepted.GetRawSocketOption(LinuxNative.SolIp, LinuxNative.SoOriginalDst, buffer);
            if (Parse(buffer[..length]) is { } original)
            {
                return original;
            }
        }
        catch (SocketException)
        {
            // Not redirected (or conntrack lost it): the local endpoint is the destination.
        }

        return (IPEndPoint)accepted.LocalEndPoint!;
    }
}
