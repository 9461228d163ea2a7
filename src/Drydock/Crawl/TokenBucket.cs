namespace Drydock.Crawl;

/// <summary>A token bucket: at most <c>rate</c> acquisitions per second on average, bursts up to <c>rate</c> (at least one).</summary>
public sealed class TokenBucket : IDisposable
{
    private readonly double _rate;
    private readonly double _capacity;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private double _tokens;
    private long _last;

    /// <summary>A full bucket refilled at <paramref name="perSecond"/> tokens a second.</summary>
    public TokenBucket(double perSecond, TimeProvider? time = null)
    {
        if (!(perSecond > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), "the rate must be positive");
        }

        _rate = perSecond;
        _capacity = Math.Max(1, perSecond);
        _tokens = _capacity;
        _time = time ?? TimeProvider.System;
        _last = _time.GetTimestamp();
    }

    /// <summary>Waits for one token (callers are served in turn).</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _time.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _rate);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds((1 - _tokens) / _rate), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
