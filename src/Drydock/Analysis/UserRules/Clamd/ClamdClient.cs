using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Drydock.Analysis.UserRules.Clamd;

/// <summary>Talks clamd's protocol (<c>z</c>-commands, NUL-terminated): <c>zVERSION</c>, and <c>zINSTREAM</c> inside
/// <c>zIDSESSION</c> sessions, the content sent as chunks each prefixed with its 4-byte big-endian length and ended
/// by a zero length. Sessions are pooled, one per concurrent caller; a session clamd closed (idle timeout, restart,
/// size limit) is replaced and the file sent again, up to <see cref="Attempts"/> times.</summary>
public sealed class ClamdClient(ClamdAddress address) : IDisposable
{
    private const int ChunkSize = 256 * 1024;
    private const int MaxReplyBytes = 4096;

    private readonly ConcurrentBag<Session> _idle = [];
    private long _tooLargeFrom = long.MaxValue;

    /// <summary>The daemon's address.</summary>
    public ClamdAddress Address => address;

    /// <summary>How long one send or one wait for a reply may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Connections tried for one file before the daemon counts as gone.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The smallest stream size clamd has refused (StreamMaxLength is not queryable, so it is learned).</summary>
    public long RefusedFrom => Interlocked.Read(ref _tooLargeFrom);

    /// <summary>clamd's <c>VERSION</c> reply, e.g. <c>ClamAV 1.4.6/27450/Tue Nov 26 09:33:49 2024</c> (engine/database
    /// version/date); throws <see cref="DrydockInputException"/> when the daemon cannot be reached.</summary>
    public string Version()
    {
        try
        {
            using var socket = address.Connect(Timeout);
            SendAll(socket, "zVERSION\0"u8);
            return ReadReply(socket) ?? throw new IOException("connection closed without a reply");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            throw Unreachable(e);
        }
    }

    /// <summary>Sends <paramref name="content"/> for scanning and returns clamd's verdict on it.</summary>
    public ClamdReply Scan(ReadOnlySpan<byte> content)
    {
        if (content.Length >= RefusedFrom)
        {
            return new ClamdReply(ClamdOutcome.TooLarge, $"clamd refused a stream of {RefusedFrom} bytes (StreamMaxLength)");
        }

        Exception? last = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            Session? session = null;
            try
            {
                session = _idle.TryTake(out var idle) ? idle : Session.Open(address, Timeout);
                var reply = session.Scan(content);
                if (reply is null)
                {
                    // Closed under us (idle timeout, restart): another connection.
                    session.Dispose();
                    session = null;
                    continue;
                }

                var parsed = ClamdReply.Parse(reply);
                if (parsed.Outcome == ClamdOutcome.TooLarge)
                {
                    LearnRefused(content.Length);
                    session.Dispose(); // clamd closes the connection after this reply
                    session = null;
                }

                return parsed;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                session?.Dispose();
                session = null;
                return new ClamdReply(ClamdOutcome.Failed, $"no reply within {Timeout.TotalSeconds:0} s");
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                session?.Dispose();
                session = null;
                last = e;
            }
            finally
            {
                if (session is not null)
                {
                    _idle.Add(session);
                }
            }
        }

        throw Unreachable(last ?? new IOException("the daemon kept closing the connection"));
    }

    /// <summary>Ends every pooled session.</summary>
    public void Dispose()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private DrydockInputException Unreachable(Exception e) => new($"--clamd {address}: {e.Message}", e);

    private void LearnRefused(long size)
    {
        var known = Interlocked.Read(ref _tooLargeFrom);
        while (size < known)
        {
            var seen = Interlocked.CompareExchange(ref _tooLargeFrom, size, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data)..];
        }
    }

    // One NUL-terminated reply, or null when the peer closed first.
    private static string? ReadReply(Socket socket)
    {
        Span<byte> buffer = stackalloc byte[MaxReplyBytes];
        var length = 0;
        while (true)
        {
            var read = socket.Receive(buffer[length..]);
            if (read == 0)
            {
                return null;
            }

            var end = buffer.Slice(length, read).IndexOf((byte)0);
            length += read;
            if (end >= 0)
            {
                return Encoding.UTF8.GetString(buffer[..(length - read + end)]);
            }

            if (length == buffer.Length)
            {
                throw new IOException($"reply longer than {MaxReplyBytes} bytes");
            }
        }
    }

    /// <summary>One <c>IDSESSION</c> connection; replies carry the command's number as a prefix.</summary>
    private sealed class Session : IDisposable
    {
        private readonly Socket _socket;
        private int _commands;

        private Session(Socket socket) => _socket = socket;

        public static Session Open(ClamdAddress address, TimeSpan timeout)
        {
            var socket = address.Connect(timeout);
            try
            {
                SendAll(socket, "zIDSESSION\0"u8);
                return new Session(socket);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // The reply without its "N: " prefix, or null when clamd closed the session before answering.
        public string? Scan(ReadOnlySpan<byte> content)
        {
            var id = ++_commands;
            Span<byte> length = stackalloc byte[4];
            try
            {
                SendAll(_socket, "zINSTREAM\0"u8);
                for (var offset = 0; offset < content.Length; offset += ChunkSize)
                {
                    var chunk = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
                    BinaryPrimitives.WriteUInt32BigEndian(length, (uint)chunk.Length);
                    SendAll(_socket, length);
                    SendAll(_socket, chunk);
                }

                BinaryPrimitives.WriteUInt32BigEndian(length, 0);
                SendAll(_socket, length);
            }
            catch (SocketException)
            {
                // clamd stops reading when a stream passes StreamMaxLength (the send then fails with EPIPE, ECONNRESET
                // or ETIMEDOUT); its reply may still be waiting.
                return TryReadAfterBrokenSend(id);
            }

            return StripId(ReadReply(_socket), id);
        }

        public void Dispose() => _socket.Dispose();

        private string? TryReadAfterBrokenSend(int id)
        {
            try
            {
                return StripId(ReadReply(_socket), id);
            }
            catch (SocketException e) when (e.SocketErrorCode != SocketError.TimedOut)
            {
                return null;
            }
        }

        private static string? StripId(string? reply, int id)
        {
            if (reply is null)
            {
                return null;
            }

            var prefix = $"{id}: ";
            return reply.StartsWith(prefix, StringComparison.Ordinal) ? reply[prefix.Length..] : reply;
        }
    }
}
