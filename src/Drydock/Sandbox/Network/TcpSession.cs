using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Drydock.Sandbox.Network;

/// <summary>One TCP connection to the catch-all port: sniffs the first bytes and plays the service they ask for
/// (DNS on port 53, TLS, HTTP, stratum), or records them as raw.</summary>
internal sealed class TcpSession(Socket socket, IPEndPoint destination, SinkServices services)
{
    private const int MaxStratumLines = 8;
    private static readonly TimeSpan DrainTime = TimeSpan.FromMilliseconds(500);

    private string Address => destination.Address.ToString();

    private int Port => destination.Port;

    private ObservationCollector Collector => services.Collector;

    /// <summary>Serves the connection until it is done, the deadline passes or the sink stops.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(services.Options.ConnectionTimeout);
        var input = new ConnectionBuffer(socket, services.Options.ConnectionReadLimit);
        if (!await input.ReadMoreAsync(deadline.Token).ConfigureAwait(false))
        {
            return;
        }

        var first = input.Data.Span;
        if (Port == 53)
        {
            await DnsAsync(input, deadline.Token).ConfigureAwait(false);
        }
        else if (TlsClientHello.LooksLikeHandshake(first))
        {
            await input.ReadUntilAsync(d => TlsClientHello.RecordLength(d.Span), deadline.Token).ConfigureAwait(false);
            Collector.Add(new TlsClientHelloSeen(Collector.NowMs, Address, Port, TlsClientHello.ServerName(input.Data.Span)));
        }
        else if (HttpRequestHead.LooksLikeRequest(first))
        {
            await HttpAsync(input, deadline.Token).ConfigureAwait(false);
        }
        else if (first.TrimStart(" \t\r\n"u8).StartsWith("{"u8))
        {
            await StratumAsync(input, deadline.Token).ConfigureAwait(false);
        }
        else
        {
            Collector.Add(new RawPayloadSeen(Collector.NowMs, "tcp", Address, Port, input.Filled, PayloadPreview.Of(first)));
        }
    }

    private async Task DnsAsync(ConnectionBuffer input, CancellationToken deadline)
    {
        await input.ReadUntilAsync(d => d.Length < 2 ? -1 : 2 + BinaryPrimitives.ReadUInt16BigEndian(d.Span), deadline).ConfigureAwait(false);
        var data = input.Data;
        var length = data.Length < 2 ? 0 : BinaryPrimitives.ReadUInt16BigEndian(data.Span);
        var response = services.Dns.Respond(data.Span[Math.Min(2, data.Length)..Math.Min(data.Length, 2 + length)], "tcp");
        if (response is not null)
        {
            var framed = new byte[2 + response.Length];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)response.Length);
            response.CopyTo(framed, 2);
            await SendAsync(framed, deadline).ConfigureAwait(false);
        }
    }

    private async Task HttpAsync(ConnectionBuffer input, CancellationToken deadline)
    {
        await input.ReadUntilAsync(d => HttpRequestHead.HeadLength(d.Span), deadline).ConfigureAwait(false);
        var head = HttpRequestHead.Parse(input.Data.Span);
        if (head is null)
        {
            Collector.Add(new RawPayloadSeen(Collector.NowMs, "tcp", Address, Port, input.Filled, PayloadPreview.Of(input.Data.Span)));
            return;
        }

        var body = await services.HttpFileAsync(head.Path).ConfigureAwait(false);
        var status = body is null ? 404 : 200;
        Collector.Add(new HttpRequestSeen(Collector.NowMs, Address, Port, head.Method, head.Host, head.Target, head.UserAgent, status));
        var reason = body is null ? "Not Found" : "OK";
        var header = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/octet-stream\r\nContent-Length: {body?.Length ?? 0}\r\nConnection: close\r\n\r\n");
        await SendAsync(header, deadline).ConfigureAwait(false);
        if (body is not null && head.Method != "HEAD")
        {
            await SendAsync(body, deadline).ConfigureAwait(false);
        }

        // Read what the client still sends (a request body) before closing, so that the close is no reset that
        // could destroy the response in flight.
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            return;
        }

        using var drain = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        drain.CancelAfter(DrainTime);
        var sink = new ConnectionBuffer(socket, 4096);
        while (await sink.ReadMoreAsync(drain.Token).ConfigureAwait(false) && !sink.Full)
        {
        }
    }

    private async Task StratumAsync(ConnectionBuffer input, CancellationToken deadline)
    {
        var consumed = 0;
        var lines = 0;
        while (lines < MaxStratumLines)
        {
            var newline = input.Data.Span[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (!await input.ReadMoreAsync(deadline).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            var line = input.Data.Slice(consumed, newline);
            consumed += newline + 1;
            lines++;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var request = StratumRequest.Parse(line);
            if (request is null)
            {
                Collector.Add(new RawPayloadSeen(Collector.NowMs, "tcp", Address, Port, line.Length, PayloadPreview.Of(line.Span)));
                return;
            }

            if (request.IsLogin)
            {
                Collector.Add(new StratumLogin(Collector.NowMs, Address, Port, request.Method, request.Login, request.Agent));
            }

            if (!await SendAsync(Encoding.UTF8.GetBytes(request.Reply()), deadline).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken deadline)
    {
        try
        {
            await socket.SendAsync(data, SocketFlags.None, deadline).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }
}
