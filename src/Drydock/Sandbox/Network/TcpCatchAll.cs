using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Drydock.Sandbox.Network;

/// <summary>Accepts every TCP connection the sink's REDIRECT rule sends to one port, logs its original destination and
/// serves it (<see cref="TcpSession"/>); past the concurrency limit a connection is logged and closed at once.</summary>
internal sealed class TcpCatchAll(Socket listener, SinkServices services)
{
    private readonly ConcurrentDictionary<Task, byte> sessions = new();
    private int active;

    /// <summary>Accepts until <paramref name="stopping"/> is cancelled, then waits for the sessions to end.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                continue;
            }

            var destination = SocketAddressIn.OriginalDestination(accepted);
            var collector = services.Collector;
            collector.Add(new ConnectionAttempt(collector.NowMs, "tcp", destination.Address.ToString(), destination.Port));
            if (Interlocked.Increment(ref active) > services.Options.MaxConcurrentConnections)
            {
                Interlocked.Decrement(ref active);
                accepted.Dispose();
                continue;
            }

            var session = ServeAsync(accepted, new TcpSession(accepted, destination, services), stopping);
            sessions.TryAdd(session, 0);
            _ = session.ContinueWith(t => sessions.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await Task.WhenAll(sessions.Keys).ConfigureAwait(false);
    }

    private async Task ServeAsync(Socket accepted, TcpSession session, CancellationToken stopping)
    {
        try
        {
            await Task.Yield();
            await session.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the sink is stopping; what was seen is already logged.
        }
        finally
        {
            accepted.Dispose();
            Interlocked.Decrement(ref active);
        }
    }
}
