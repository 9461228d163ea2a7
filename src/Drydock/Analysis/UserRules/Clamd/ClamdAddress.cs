using System.Net;
using System.Net.Sockets;

namespace Drydock.Analysis.UserRules.Clamd;

/// <summary>Where a ClamAV daemon listens (<c>--clamd</c>): <c>unix:/path/to/clamd.ctl</c> or <c>tcp:HOST:PORT</c>, the
/// latter on the loopback interface only (files of the image are sent to it).</summary>
public sealed record ClamdAddress
{
    private ClamdAddress(string text, EndPoint endPoint)
    {
        Text = text;
        EndPoint = endPoint;
    }

    /// <summary>The address as the user wrote it.</summary>
    public string Text { get; }

    /// <summary>The socket address.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>Parses an address; throws <see cref="DrydockInputException"/> on a malformed or non-loopback one.</summary>
    public static ClamdAddress Parse(string text)
    {
        if (text.StartsWith("unix:", StringComparison.Ordinal) && text.Length > "unix:".Length)
        {
            return new ClamdAddress(text, new UnixDomainSocketEndPoint(text["unix:".Length..]));
        }

        if (!text.StartsWith("tcp:", StringComparison.Ordinal))
        {
            throw new DrydockInputException($"--clamd {text}: use unix:/path/to/socket or tcp:HOST:PORT");
        }

        var hostPort = text["tcp:".Length..];
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new DrydockInputException($"--clamd {text}: expected tcp:HOST:PORT with a port from 1 to 65535");
        }

        var host = hostPort[..colon].Trim('[', ']');
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new DrydockInputException($"--clamd {text}: cannot resolve {host}: {e.Message}", e);
        }

        if (addresses.Length == 0 || !addresses.All(IPAddress.IsLoopback))
        {
            throw new DrydockInputException($"--clamd {text}: only a loopback address (127.0.0.0/8, ::1, localhost) is allowed, as image files are sent to it");
        }

        return new ClamdAddress(text, new IPEndPoint(addresses[0], port));
    }

    /// <summary>Opens a connection with the given send and receive timeout.</summary>
    internal Socket Connect(TimeSpan timeout)
    {
        var socket = EndPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.SendTimeout = socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        try
        {
            socket.Connect(EndPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
