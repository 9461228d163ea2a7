namespace Drydock.Analysis;

/// <summary>Bounds the bytes a producer has handed to a consumer and the consumer has not yet released. One item is
/// always admitted when nothing is in flight, however large, so a file bigger than the budget cannot stall the walk.
/// Meant for one producer: a single waiter at a time.</summary>
internal sealed class ByteBudget(long limit)
{
    private readonly Lock _lock = new();
    private long _inFlight;
    private TaskCompletionSource? _waiter;

    /// <summary>Bytes taken and not yet released.</summary>
    public long InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Takes <paramref name="bytes"/> when they fit now (or nothing is in flight); false otherwise.</summary>
    public bool TryTake(long bytes)
    {
        lock (_lock)
        {
            return TakeIfFits(bytes);
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit within the limit (or nothing else is in flight), then takes them.</summary>
    public async ValueTask TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (TakeIfFits(bytes))
                {
                    return;
                }

                _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TakeIfFits(long bytes)
    {
        if (_inFlight != 0 && _inFlight + bytes > limit)
        {
            return false;
        }

        _inFlight += bytes;
        return true;
    }

    /// <summary>Gives back <paramref name="bytes"/> taken earlier and wakes the waiting producer.</summary>
    public void Release(long bytes)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _inFlight -= bytes;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }
}
