using System.Net;
using System.Net.Sockets;

namespace Drydock.Sandbox.Network;

/// <summary>The sink's three sockets, created inside the sink namespace: the resolver, the TCP catch-all listener and the
/// transparent UDP catch-all.</summary>
internal sealed record SinkSockets(Socket Dns, Socket Tcp, Socket Udp) : IDisposable
{
    /// <summary>The port every redirected TCP connection and every diverted UDP datagram arrives on.</summary>
    public const int CatchAllPort = 9999;

    /// <summary>Creates and binds the sockets on the calling thread (which must be in the sink namespace).</summary>
    public static SinkSockets Create()
    {
        var dns = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            dns.Bind(new IPEndPoint(IPAddress.Any, 53));
            tcp.Bind(new IPEndPoint(IPAddress.Any, CatchAllPort));
            tcp.Listen(512);
            udp.SetRawSocketOption(LinuxNative.SolIp, LinuxNative.IpTransparent, BitConverter.GetBytes(1));
            udp.SetRawSocketOption(LinuxNative.SolIp, LinuxNative.IpRecvOrigDstAddr, BitConverter.GetBytes(1));
            udp.ReceiveTimeout = 200;
            udp.Bind(new IPEndPoint(IPAddress.Any, CatchAllPort));
            return new SinkSockets(dns, tcp, udp);
        }
        catch
        {
            dns.Dispose();
            tcp.Dispose();
            udp.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Dns.Dispose();
        Tcp.Dispose();
        Udp.Dispose();
    }
}
