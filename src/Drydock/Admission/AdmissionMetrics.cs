using System.Globalization;

namespace Drydock.Admission;

/// <summary>The webhook's counters and its decision-latency histogram, written in the Prometheus text format.</summary>
public sealed class AdmissionMetrics
{
    /// <summary>The histogram's upper bounds in seconds (the last bucket, +Inf, is implied).</summary>
    private static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly long[] _buckets = new long[Bounds.Length + 1];
    private readonly Lock _histogram = new();
    private double _latencySum;
    private long _allowed;
    private long _denied;
    private long _failOpen;
    private long _badRequests;
    private long _cacheHits;
    private long _cacheMisses;
    private long _scansJoined;
    private long _scansSucceeded;
    private long _scansFailed;

    /// <summary>Counts a decision and its latency; <paramref name="failOpen"/> marks an admission without a verdict.</summary>
    public void Decision(bool allowed, bool failOpen, TimeSpan elapsed)
    {
        Interlocked.Increment(ref allowed ? ref _allowed : ref _denied);
        if (failOpen)
        {
            Interlocked.Increment(ref _failOpen);
        }

        var seconds = elapsed.TotalSeconds;
        var bucket = Array.FindIndex(Bounds, b => seconds <= b);
        lock (_histogram)
        {
            _buckets[bucket < 0 ? Bounds.Length : bucket]++;
            _latencySum += seconds;
        }
    }

    /// <summary>Counts a request that was not a readable AdmissionReview.</summary>
    public void BadRequest() => Interlocked.Increment(ref _badRequests);

    /// <summary>Counts an image whose facts were cached.</summary>
    public void CacheHit() => Interlocked.Increment(ref _cacheHits);

    /// <summary>Counts an image that started a scan.</summary>
    public void CacheMiss() => Interlocked.Increment(ref _cacheMisses);

    /// <summary>Counts an image that waited for a scan another request started.</summary>
    public void ScanJoined() => Interlocked.Increment(ref _scansJoined);

    /// <summary>Counts a finished scan.</summary>
    public void ScanFinished(bool succeeded) => Interlocked.Increment(ref succeeded ? ref _scansSucceeded : ref _scansFailed);

    /// <summary>The cache hits so far.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Writes every metric in the Prometheus text exposition format (version 0.0.4).</summary>
    public void WriteTo(TextWriter output, int cachedDigests)
    {
        var c = CultureInfo.InvariantCulture;
        Counter(output, "drydock_admission_decisions_total", "Admission decisions by result.",
            ("result=\"allowed\"", Interlocked.Read(ref _allowed)), ("result=\"denied\"", Interlocked.Read(ref _denied)));
        Counter(output, "drydock_admission_fail_open_total", "Images admitted without a verdict (--fail-open).", (null, _failOpen));
        Counter(output, "drydock_admission_bad_requests_total", "Requests that were not a readable AdmissionReview.", (null, _badRequests));
        Counter(output, "drydock_verdict_cache_hits_total", "Images whose scan facts were cached.", (null, _cacheHits));
        Counter(output, "drydock_verdict_cache_misses_total", "Images that started a scan.", (null, _cacheMisses));
        Counter(output, "drydock_verdict_cache_joins_total", "Images that waited for a scan already running.", (null, _scansJoined));
        Counter(output, "drydock_scans_total", "Scans finished by result.",
            ("result=\"succeeded\"", _scansSucceeded), ("result=\"failed\"", _scansFailed));
        output.Write("# HELP drydock_verdict_cache_entries Digests held in the verdict cache.\n# TYPE drydock_verdict_cache_entries gauge\n");
        output.Write(string.Create(c, $"drydock_verdict_cache_entries {cachedDigests}\n"));

        long[] buckets;
        double sum;
        lock (_histogram)
        {
            buckets = (long[])_buckets.Clone();
            sum = _latencySum;
        }

        output.Write("# HELP drydock_admission_duration_seconds Time from request to decision.\n# TYPE drydock_admission_duration_seconds histogram\n");
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += buckets[i];
            output.Write(string.Create(c, $"drydock_admission_duration_seconds_bucket{{le=\"{Bounds[i]}\"}} {cumulative}\n"));
        }

        cumulative += buckets[^1];
        output.Write(string.Create(c, $"drydock_admission_duration_seconds_bucket{{le=\"+Inf\"}} {cumulative}\n"));
        output.Write(string.Create(c, $"drydock_admission_duration_seconds_sum {sum}\n"));
        output.Write(string.Create(c, $"drydock_admission_duration_seconds_count {cumulative}\n"));
    }

    private static void Counter(TextWriter output, string name, string help, params ReadOnlySpan<(string? Labels, long Value)> series)
    {
        output.Write($"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var (labels, value) in series)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{name}{(labels is null ? "" : "{" + labels + "}")} {value}\n"));
        }
    }
}
