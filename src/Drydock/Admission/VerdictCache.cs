using System.Collections.Concurrent;
using Drydock.Policy;
using Drydock.References;

namespace Drydock.Admission;

/// <summary>The scanned facts of each image by manifest digest, in memory. Concurrent requests for a digest share one scan;
/// a scan outlives the request that started it (bounded by its own limit), so a request that gave up waiting leaves a
/// verdict for the next; a failed scan is forgotten so the next request tries again.</summary>
public sealed class VerdictCache(Func<RegistryReference, CancellationToken, Task<PolicySubject>> scan, AdmissionMetrics metrics, VerdictCacheLimits limits)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PolicySubject>>> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scanSlots = new(limits.ConcurrentScans, limits.ConcurrentScans);

    /// <summary>How many digests are held (finished or in flight).</summary>
    public int Count => _entries.Count;

    /// <summary>The facts of <paramref name="pinned"/> (a reference with a digest): cached, joined to a scan in flight, or a new
    /// scan; <paramref name="cached"/> says whether they were already known.</summary>
    public Task<PolicySubject> GetAsync(RegistryReference pinned, out bool cached)
    {
        var key = pinned.Digest?.ToString() ?? throw new ArgumentException("the reference has no digest", nameof(pinned));
        if (_entries.TryGetValue(key, out var known))
        {
            cached = known.IsValueCreated && known.Value.IsCompletedSuccessfully;
            if (cached)
            {
                metrics.CacheHit();
            }
            else
            {
                metrics.ScanJoined();
            }

            return known.Value;
        }

        cached = false;
        Lazy<Task<PolicySubject>>? created = null;
        var entry = _entries.GetOrAdd(key, k => created = new Lazy<Task<PolicySubject>>(() => ScanAsync(k, pinned)));
        if (ReferenceEquals(entry, created))
        {
            metrics.CacheMiss();
            Trim(key);
        }
        else
        {
            metrics.ScanJoined();
        }

        return entry.Value;
    }

    private async Task<PolicySubject> ScanAsync(string key, RegistryReference pinned)
    {
        await Task.Yield();
        using var limit = new CancellationTokenSource(limits.MaxScanTime);
        try
        {
            await _scanSlots.WaitAsync(limit.Token).ConfigureAwait(false);
            try
            {
                var subject = await scan(pinned, limit.Token).ConfigureAwait(false);
                metrics.ScanFinished(succeeded: true);
                return subject;
            }
            finally
            {
                _scanSlots.Release();
            }
        }
        catch
        {
            metrics.ScanFinished(succeeded: false);
            _entries.TryRemove(key, out _);
            throw;
        }
    }

    // Keeps the cache under its bound by dropping finished entries other than the one just added.
    private void Trim(string keep)
    {
        if (_entries.Count <= limits.MaxEntries)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (_entries.Count <= limits.MaxEntries)
            {
                break;
            }

            if (key != keep && entry.IsValueCreated && entry.Value.IsCompleted)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>The cache's bounds: digests held, scans at once, and the longest a scan may run.</summary>
public sealed record VerdictCacheLimits
{
    public int MaxEntries { get; init; } = 10_000;

    public int ConcurrentScans { get; init; } = 2;

    public TimeSpan MaxScanTime { get; init; } = TimeSpan.FromMinutes(10);
}
