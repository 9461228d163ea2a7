using System.Net;
using System.Net.Sockets;

namespace Drydock.Sandbox.Network;

/// <summary>The sink's resolver on UDP port 53: answers every query (see <see cref="DnsMessage"/>) and logs it.</summary>
internal sealed class DnsServer(Socket socket, IPAddress sinkAddress, ObservationCollector collector)
{
    private const int MaxDatagram = 4096;

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled or the socket is closed.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        var any = new IPEndPoint(IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error from an earlier reply (the client went away): keep serving.
                continue;
            }

            var response = Respond(buffer.AsSpan(0, received.ReceivedBytes), "udp");
            if (response is not null)
            {
                try
                {
                    await socket.SendToAsync(response, SocketFlags.None, received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client is gone or the sink is stopping; the query is logged either way.
                }
            }
        }
    }

    /// <summary>Logs the query and returns the answer, or null (logged as malformed) when the packet is no query.</summary>
    public byte[]? Respond(ReadOnlySpan<byte> packet, string transport)
    {
        if (!DnsMessage.TryParseQuery(packet, out var question))
        {
            collector.Add(new DnsQuery(collector.NowMs, string.Empty, "malformed", null, transport));
            return null;
        }

        var response = DnsMessage.Answer(question, sinkAddress, out var answer);
        collector.Add(new DnsQuery(collector.NowMs, question.Name, question.TypeName, answer, transport));
        return response;
    }
}
