using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>The span length above which <see cref="AddSampled"/> counts only part of a span.</summary>
    public const int SampleThreshold = 256 * 1024;

    /// <summary>Counts <paramref name="data"/>, or for spans over <see cref="SampleThreshold"/> one 4 KiB block in every
    /// four (the first and last blocks always): machine code's histogram is steady across a section, so the estimate
    /// stays within a few hundredths of a bit while a large library's code costs a quarter of the work.</summary>
    public void AddSampled(ReadOnlySpan<byte> data)
    {
        if (data.Length <= SampleThreshold)
        {
            Add(data);
            return;
        }

        const int block = 4096;
        for (var at = 0; at < data.Length - block; at += 4 * block)
        {
            Add(data.Slice(at, block));
        }

        Add(data[^block..]);
    }

    /// <summary>Counts <paramref name="data"/>.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        // Eight bytes per load, spread over four interleaved histograms so that successive equal bytes do not wait
        // on each other's increments; no bounds checks (every index is a byte plus a multiple of 256 below 1024).
        ref var counts = ref MemoryMarshal.GetReference(_counts);
        ref var bytes = ref MemoryMarshal.GetReference(data);
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var v = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, i));
            Unsafe.Add(ref counts, (int)(v & 0xff))++;
            Unsafe.Add(ref counts, 256 + (int)((v >> 8) & 0xff))++;
            Unsafe.Add(ref counts, 512 + (int)((v >> 16) & 0xff))++;
            Unsafe.Add(ref counts, 768 + (int)((v >> 24) & 0xff))++;
            Unsafe.Add(ref counts, (int)((v >> 32) & 0xff))++;
            Unsafe.Add(ref counts, 256 + (int)((v >> 40) & 0xff))++;
            Unsafe.Add(ref counts, 512 + (int)((v >> 48) & 0xff))++;
            Unsafe.Add(ref counts, 768 + (int)(v >> 56))++;
        }

        for (; i < data.Length; i++)
        {
            _counts[data[i]]++;
        }

        _total += data.Length;
    }

    /// <summary>The entropy of what this counter and <paramref name="other"/> counted together.</summary>
    public readonly double CombinedWith(in ShannonEntropy other) => Compute(_counts, _total, other._counts, other._total);

    /// <summary>The entropy of everything counted (0 when nothing was).</summary>
    public readonly double Value => Compute(_counts, _total, default, 0);

    private static double Compute(ReadOnlySpan<int> a, long totalA, ReadOnlySpan<int> b, long totalB)
    {
        double total = totalA + totalB;
        if (total == 0)
        {
            return 0;
        }

        var entropy = 0.0;
        for (var v = 0; v < 256; v++)
        {
            long n = a[v] + a[256 + v] + a[512 + v] + a[768 + v];
            if (!b.IsEmpty)
            {
                n += b[v] + b[256 + v] + b[512 + v] + b[768 + v];
            }

            if (n > 0)
            {
                var p = n / total;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }
}
