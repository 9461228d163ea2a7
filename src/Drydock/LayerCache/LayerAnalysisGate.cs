using System.Collections.Concurrent;

namespace Drydock.LayerCache;

/// <summary>Lets one analysis per layer cache key run at a time in this process: images scanned side by side that
/// share a layer wait for the first one's analysis and then find its result in the store (single flight).</summary>
public sealed class LayerAnalysisGate
{
    private readonly ConcurrentDictionary<LayerCacheKey, Turnstile> _turnstiles = new();

    /// <summary>Waits until no other holder has <paramref name="key"/>; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(LayerCacheKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var turnstile = _turnstiles.GetOrAdd(key, static _ => new Turnstile());
            lock (turnstile)
            {
                if (turnstile.Retired)
                {
                    continue; // removed between the look-up and the lock: take the fresh one
                }

                turnstile.Users++;
            }

            try
            {
                await turnstile.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Leave(key, turnstile, release: false);
                throw;
            }

            return new Holder(this, key, turnstile);
        }
    }

    /// <summary>Keys with a holder or a waiter (the rest are forgotten, so a long crawl holds no memory per layer).</summary>
    public int ActiveKeys => _turnstiles.Count;

    private void Leave(LayerCacheKey key, Turnstile turnstile, bool release)
    {
        lock (turnstile)
        {
            if (release)
            {
                turnstile.Semaphore.Release();
            }

            if (--turnstile.Users == 0)
            {
                turnstile.Retired = true;
                _turnstiles.TryRemove(new KeyValuePair<LayerCacheKey, Turnstile>(key, turnstile));
            }
        }
    }

    private sealed class Turnstile
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Retired { get; set; }
    }

    private sealed class Holder(LayerAnalysisGate gate, LayerCacheKey key, Turnstile turnstile) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(key, turnstile, release: true);
            }
        }
    }
}
