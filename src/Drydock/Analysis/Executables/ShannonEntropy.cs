namespace Drydock.Analysis.Executables;

/// <summary>Shannon entropy of bytes in bits per byte: near 8 for compressed or encrypted data, 5.5-6.5 for machine code.
/// Counts are added span by span, so separate regions of a file (its code sections) give one figure.</summary>
public ref struct ShannonEntropy
{
    /// <summary>The <see cref="int"/> storage a counter needs (four interleaved 256-entry histograms).</summary>
    public const int StorageLength = 1024;

    private readonly Span<int> _counts;
    private long _total;

    /// <summary>A counter over <paramref name="storage"/> (at least <see cref="StorageLength"/> entries, cleared here).</summary>
    public ShannonEntropy(Span<int> storage)
    {
        _counts = storage[..StorageLength];
        _counts.Clear();
    }

    /// <summary>Bytes counted so far.</summary>
    public readonly long Total => _total;

    /// <summary>The entropy of <paramref name="data"/> (0 for empty input).</summary>
    public static double Of(ReadOnlySpan<byte> data)
    {
        var counter = new ShannonEntropy(stackalloc int[StorageLength]);
        counter.Add(data);
        return counter.Value;
    }

    /// <summary>Counts <paramref name="data"/>.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        // Four interleaved histograms keep successive equal bytes from waiting on each other's increments.
        var counts = _counts;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            counts[data[i]]++;
            counts[256 + data[i + 1]]++;
            counts[512 + data[i + 2]]++;
            counts[768 + data[i + 3]]++;
        }

        for (; i < data.Length; i++)
        {
            counts[data[i]]++;
        }

        _total += data.Length;
    }

    /// <summary>The entropy of everything counted (0 when nothing was).</summary>
    public readonly double Value
    {
        get
        {
            if (_total == 0)
            {
                return 0;
            }

            double total = _total;
            var entropy = 0.0;
            for (var b = 0; b < 256; b++)
            {
                long n = _counts[b] + _counts[256 + b] + _counts[512 + b] + _counts[768 + b];
                if (n > 0)
                {
                    var p = n / total;
                    entropy -= p * Math.Log2(p);
                }
            }

            return entropy;
        }
    }
}
