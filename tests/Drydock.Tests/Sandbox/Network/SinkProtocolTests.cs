using System.Buffers.Binary;
using System.Net;
using System.Text;
using Drydock.Sandbox.Network;

namespace Drydock.Tests.Sandbox.Network;

/// <summary>The sink's protocol readers on hand-built and hostile input (no namespaces needed).</summary>
public sealed class SinkProtocolTests
{
    private static readonly IPAddress Sink = IPAddress.Parse("10.200.0.1");

    [Fact]
    public void Answers_an_a_query_with_the_sink_address_and_aaaa_with_nothing()
    {
        Assert.True(DnsMessage.TryParseQuery(Query("Pool.Example.invalid", 1), out var a));
        Assert.Equal(("pool.example.invalid", "A"), (a.Name, a.TypeName));
        var response = DnsMessage.Answer(a, Sink, out var answer);
        Assert.Equal("10.200.0.1", answer);
        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(response));
        Assert.Equal(0x8580, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(6)));
        Assert.Equal([10, 200, 0, 1], response[^4..]);
        // The name is echoed as asked, case kept (resolvers that randomise case compare it).
        Assert.Contains("Pool"u8.ToArray(), Chunks(response, 4));

        Assert.True(DnsMessage.TryParseQuery(Query("six.example", 28), out var aaaa));
        var empty = DnsMessage.Answer(aaaa, Sink, out var none);
        Assert.Null(none);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(empty.AsSpan(6)));
        Assert.Equal(0, empty[3] & 0xF);
    }

    [Fact]
    public void Refuses_malformed_dns_without_throwing()
    {
        var valid = Query("a.example", 1);
        Assert.False(DnsMessage.TryParseQuery(valid.AsSpan(0, 11), out _));
        Assert.False(DnsMessage.TryParseQuery(valid.AsSpan(0, valid.Length - 3), out _));

        var response = (byte[])valid.Clone();
        response[2] |= 0x80;
        Assert.False(DnsMessage.TryParseQuery(response, out _));

        // A pointer to itself, a pointer forwards, and a label longer than the packet.
        Assert.False(DnsMessage.TryParseQuery([.. valid[..12], 0xC0, 12, 0, 1, 0, 1], out _));
        Assert.False(DnsMessage.TryParseQuery([.. valid[..12], 0xC0, 20, 0, 1, 0, 1, 0, 0, 0, 0], out _));
        Assert.False(DnsMessage.TryParseQuery([.. valid[..12], 63, (byte)'a', 0, 0, 1, 0, 1], out _));
        // A name longer than 255 bytes.
        var longName = string.Join('.', Enumerable.Repeat(new string('x', 60), 5));
        Assert.False(DnsMessage.TryParseQuery(Query(longName, 1), out _));
    }

    [Fact]
    public void Follows_a_backward_compression_pointer_and_escapes_odd_bytes()
    {
        // "a" then a pointer back to offset 11, the header's last byte (zero: the root label).
        byte[] packet = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 1, (byte)'a', 0xC0, 11, 0, 1, 0, 1];
        Assert.True(DnsMessage.TryParseQuery(packet, out var pointed));
        Assert.Equal(("a", "A"), (pointed.Name, pointed.TypeName));
        Assert.Equal([1, (byte)'a', 0], pointed.WireName);

        byte[] odd = [0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 3, (byte)'a', (byte)'.', 0x07, 0, 0, 1, 0, 1];
        Assert.True(DnsMessage.TryParseQuery(odd, out var q));
        Assert.Equal("a\\046\\007", q.Name);
    }

    [Fact]
    public void Mutated_packets_never_throw()
    {
        var random = new Random(7);
        var samples = new[] { Query("pool.example.invalid", 1), ClientHello("foo.invalid"), Encoding.ASCII.GetBytes("GET /x HTTP/1.1\r\nHost: h\r\n\r\n") };
        for (var i = 0; i < 20_000; i++)
        {
            var packet = (byte[])samples[i % samples.Length].Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
            }

            var cut = packet.AsSpan(0, random.Next(packet.Length + 1));
            if (DnsMessage.TryParseQuery(cut, out var q))
            {
                DnsMessage.Answer(q, Sink, out _);
            }

            _ = TlsClientHello.ServerName(cut);
            _ = HttpRequestHead.Parse(cut);
            _ = StratumRequest.Parse(cut.ToArray());
        }
    }

    [Fact]
    public void Reads_the_server_name_of_a_client_hello()
    {
        var hello = ClientHello("pool.minexmr.example");
        Assert.True(TlsClientHello.LooksLikeHandshake(hello));
        Assert.Equal(hello.Length, TlsClientHello.RecordLength(hello));
        Assert.Equal("pool.minexmr.example", TlsClientHello.ServerName(hello));
        Assert.Null(TlsClientHello.ServerName(hello.AsSpan(0, 60)));
    }

    [Fact]
    public void Reads_an_http_head()
    {
        var data = Encoding.ASCII.GetBytes("GET http://h.example/a/b.sh?x=1 HTTP/1.1\r\nhost: h.example\r\nUser-Agent: Wget\r\n\r\nbody");
        Assert.True(HttpRequestHead.LooksLikeRequest(data));
        Assert.False(HttpRequestHead.LooksLikeRequest("GETX / HTTP/1.1"u8));
        Assert.Equal(data.Length - 4, HttpRequestHead.HeadLength(data));
        var head = HttpRequestHead.Parse(data)!;
        Assert.Equal(("GET", "h.example", "Wget", "/a/b.sh"), (head.Method, head.Host, head.UserAgent, head.Path));
        Assert.Equal("/p", HttpRequestHead.Parse("POST /p#f HTTP/1.0\n\n"u8)!.Path);
    }

    [Fact]
    public void Reads_stratum_logins_and_replies_with_the_same_id()
    {
        var login = StratumRequest.Parse("""{"id":7,"method":"login","params":{"login":"WALLET","pass":"x","agent":"XMRig/6.21.0"}}"""u8.ToArray())!;
        Assert.Equal(("login", "WALLET", "XMRig/6.21.0", true), (login.Method, login.Login, login.Agent, login.IsLogin));
        Assert.StartsWith("""{"id":7,""", login.Reply());
        Assert.EndsWith("\n", login.Reply());

        var authorize = StratumRequest.Parse("""{"id":"2","method":"mining.authorize","params":["bc1qworker.1","x"]}"""u8.ToArray())!;
        Assert.Equal(("bc1qworker.1", null), (authorize.Login, authorize.Agent));
        var subscribe = StratumRequest.Parse("""{"id":1,"method":"mining.subscribe","params":["cgminer/4.10"]}"""u8.ToArray())!;
        Assert.Equal((null, "cgminer/4.10"), (subscribe.Login, subscribe.Agent));
        Assert.False(StratumRequest.Parse("""{"id":3,"method":"submit","params":{}}"""u8.ToArray())!.IsLogin);
        Assert.Null(StratumRequest.Parse("""{"id":3}"""u8.ToArray()));
        Assert.Null(StratumRequest.Parse("not json"u8.ToArray()));
        Assert.Null(StratumRequest.Parse(Encoding.ASCII.GetBytes(new string('[', 100) + new string(']', 100))));
    }

    [Fact]
    public void The_collector_keeps_at_most_its_limit_and_counts_the_rest()
    {
        var collector = new ObservationCollector(3);
        Parallel.For(0, 100, i => collector.Add(new ConnectionAttempt(100 - i, "tcp", "192.0.2." + (i % 7), i)));
        var seen = collector.Snapshot();
        Assert.Equal(3, seen.Connections.Count);
        Assert.Equal(97, seen.Dropped);
        Assert.Equal(seen.Connections.OrderBy(c => c.TimeMs).ThenBy(c => c.Address, StringComparer.Ordinal), seen.Connections);
    }

    [Fact]
    public void Previews_unknown_bytes_printably_and_capped()
    {
        Assert.Equal("SSH-2.0\\x0d\\x0a\\x00\\x5c", PayloadPreview.Of("SSH-2.0\r\n\0\\"u8));
        Assert.Equal(PayloadPreview.MaxBytes, PayloadPreview.Of(new byte[1000].Select(_ => (byte)'a').ToArray()).Length);
    }

    private static byte[] Query(string name, ushort type)
    {
        var bytes = new List<byte> { 0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
        foreach (var label in name.Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. bytes];
    }

    /// <summary>A minimal TLS 1.2 ClientHello record with one cipher suite, an unrelated extension, then SNI.</summary>
    private static byte[] ClientHello(string serverName)
    {
        var host = Encoding.ASCII.GetBytes(serverName);
        byte[] sni = [0, 0, .. U16(host.Length + 5), .. U16(host.Length + 3), 0, .. U16(host.Length), .. host];
        byte[] other = [0, 23, 0, 0];
        byte[] extensions = [.. other, .. sni];
        byte[] body = [3, 3, .. new byte[32], 0, 0, 2, 0x13, 0x01, 1, 0, .. U16(extensions.Length), .. extensions];
        byte[] handshake = [1, 0, .. U16(body.Length), .. body];
        return [0x16, 3, 1, .. U16(handshake.Length), .. handshake];
    }

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static IEnumerable<byte[]> Chunks(byte[] data, int size)
        => Enumerable.Range(0, data.Length - size + 1).Select(i => data[i..(i + size)]);
}
