using System.Net.Sockets;

namespace Drydock.Sandbox.Network;

/// <summary>The bytes read so far from one connection, bounded by a size limit; reads end at the connection's deadline.</summary>
internal sealed class ConnectionBuffer(Socket socket, int limit)
{
    private readonly byte[] buffer = new byte[limit];

    /// <summary>Bytes read so far.</summary>
    public int Filled { get; private set; }

    /// <summary>The bytes read so far.</summary>
    public ReadOnlyMemory<byte> Data => buffer.AsMemory(0, Filled);

    /// <summary>Whether the limit is reached.</summary>
    public bool Full => Filled == buffer.Length;

    /// <summary>Reads once more; false at end of stream, at the limit, at the deadline or on a socket error.</summary>
    public async ValueTask<bool> ReadMoreAsync(CancellationToken deadline)
    {
        if (Full)
        {
            return false;
        }

        try
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(Filled), SocketFlags.None, deadline).ConfigureAwait(false);
            Filled += read;
            return read > 0;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Reads until <paramref name="complete"/> says the data is whole (it returns the length needed, or -1) or reading stops.</summary>
    public async ValueTask ReadUntilAsync(Func<ReadOnlyMemory<byte>, int> complete, CancellationToken deadline)
    {
        while (true)
        {
            var needed = complete(Data);
            if ((needed >= 0 && Filled >= needed) || !await ReadMoreAsync(deadline).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
