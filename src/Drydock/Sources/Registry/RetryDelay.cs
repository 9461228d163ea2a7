using System.Net.Http.Headers;

namespace Drydock.Sources.Registry;

/// <summary>Retry delays: exponential backoff with full jitter, or the server's <c>Retry-After</c>, both capped.</summary>
public static class RetryDelay
{
    /// <summary>The longest wait ever taken between attempts.</summary>
    public static TimeSpan Cap { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The delay before retry number <paramref name="attempt"/> (0 for the first retry).</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay)
    {
        var ceiling = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        ceiling = Math.Min(ceiling, Cap.TotalMilliseconds);
        // Half fixed, half random: spreads concurrent clients while still growing.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for (seconds or an HTTP date), capped; null when absent.</summary>
    public static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Cap ? Cap : wait;
    }
}
