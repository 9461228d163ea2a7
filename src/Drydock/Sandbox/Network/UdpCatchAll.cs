using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Drydock.Sandbox.Network;

/// <summary>Receives every UDP datagram (except DNS) that the sink's TPROXY rule hands to one transparent socket, and logs
/// its original destination from the <c>IP_ORIGDSTADDR</c> control message. Runs on its own thread with blocking
/// <c>recvmsg</c> and a short receive timeout.</summary>
internal sealed class UdpCatchAll(Socket socket, ObservationCollector collector, int readLimit)
{
    private const int ControlLength = 64;
    private volatile bool stopping;

    /// <summary>Makes <see cref="Run"/> return: at once, as the shutdown wakes a blocked receive, else within one receive timeout.</summary>
    public void Stop()
    {
        stopping = true;
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // ENOTCONN, as the socket is not connected: Linux sets the shutdown and wakes the receiver all the same.
        }
    }

    /// <summary>Receives and logs until <see cref="Stop"/>.</summary>
    public unsafe void Run()
    {
        var buffer = new byte[Math.Min(readLimit, 65535)];
        var control = new byte[ControlLength];
        fixed (byte* data = buffer)
        fixed (byte* ctl = control)
        {
            while (!stopping)
            {
                var vector = new LinuxNative.IoVector { Base = (nint)data, Length = (nuint)buffer.Length };
                var header = new LinuxNative.MessageHeader
                {
                    Vectors = (nint)(&vector),
                    VectorCount = 1,
                    Control = (nint)ctl,
                    ControlLength = ControlLength,
                };
                nint received;
                try
                {
                    received = LinuxNative.RecvMsg(socket.SafeHandle.DangerousGetHandle(), &header, 0);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is LinuxNative.EAgain or LinuxNative.EIntr)
                    {
                        continue;
                    }

                    return;
                }

                var length = (int)received;
                var destination = OriginalDestination(control.AsSpan(0, (int)header.ControlLength));
                var now = collector.NowMs;
                var address = destination?.Address.ToString() ?? "unknown";
                var port = destination?.Port ?? 0;
                collector.Add(new ConnectionAttempt(now, "udp", address, port));
                if (length > 0)
                {
                    collector.Add(new RawPayloadSeen(now, "udp", address, port, length, PayloadPreview.Of(buffer.AsSpan(0, length))));
                }
            }
        }
    }

    /// <summary>Finds <c>IP_ORIGDSTADDR</c> among the control messages (64-bit <c>cmsghdr</c>: length, level, type, then data).</summary>
    private static IPEndPoint? OriginalDestination(ReadOnlySpan<byte> control)
    {
        while (control.Length >= 16)
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(control), int.MaxValue);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            if (length < 16 || length > control.Length)
            {
                return null;
            }

            if (level == LinuxNative.SolIp && type == LinuxNative.IpOrigDstAddr && length >= 16 + 8)
            {
                return SocketAddressIn.Parse(control[16..length]);
            }

            control = control[Math.Min(control.Length, (length + 7) & ~7)..];
        }

        return null;
    }
}
