using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>Finds every occurrence of many literal anchors in one pass over a byte span.
/// <para>A sampled 4-gram filter: each anchor contributes the hashes of <c>stride</c> consecutive 4-byte windows
/// (taken where its bytes are rarest) to a 128-Kibit table that stays in the L1 cache. The scan hashes only every
/// <c>stride</c>-th window of the input, four per step with no dependency between them, and only a set bit sends
/// the position to exact verification against the anchors that share the hash. Any occurrence of an anchor covers
/// one sampled window at one of its stride offsets, so nothing is missed. ASCII case is folded into the hash (the
/// 0x20 bit of every byte is set), so case-insensitive anchors cost nothing extra.</para>
/// <para>Measured against <see cref="System.Buffers.SearchValues{T}"/> of strings (Teddy) over Latin-1-widened
/// chunks: Teddy is faster up to about 16 anchors, but its buckets crowd beyond that and it fell to a twentieth of
/// this filter's throughput at 100 anchors (see bench/README.md).</para></summary>
public sealed class AnchorMatcher
{
    /// <summary>The shortest anchor accepted: the stride is the shortest length minus three, so longer anchors scan faster.</summary>
    public const int MinAnchorLength = 5;

    private const int MaxStride = 4;
    private const int HashBits = 17;
    private const uint Fold = 0x20202020;

    private readonly byte[][] _anchors;
    private readonly bool[] _ignoreCase;
    private readonly ulong[] _filter = new ulong[(1 << HashBits) / 64];
    private readonly Dictionary<int, Entry[]> _entries;
    private readonly int _stride;

    private readonly record struct Entry(int Anchor, int Window);

    /// <summary>Builds the matcher; anchors are numbered in the order given.</summary>
    public AnchorMatcher(IReadOnlyList<Anchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count == 0)
        {
            throw new ArgumentException("no anchors", nameof(anchors));
        }

        _anchors = new byte[anchors.Count][];
        _ignoreCase = new bool[anchors.Count];
        for (var i = 0; i < anchors.Count; i++)
        {
            var a = anchors[i];
            if (a.Text.Length < MinAnchorLength || a.Text.Any(c => c > 0xff))
            {
                throw new ArgumentException($"anchor '{a.Text}' must be at least {MinAnchorLength} Latin-1 characters", nameof(anchors));
            }

            _anchors[i] = Encoding.Latin1.GetBytes(a.Text);
            _ignoreCase[i] = a.IgnoreCase;
        }

        _stride = Math.Min(MaxStride, _anchors.Min(a => a.Length) - 3);
        var lists = new Dictionary<int, List<Entry>>();
        for (var i = 0; i < _anchors.Length; i++)
        {
            var window = RarestWindow(_anchors[i], _stride);
            for (var k = 0; k < _stride; k++)
            {
                var h = Hash(BitConverter.ToUInt32(_anchors[i], window + k));
                _filter[h >> 6] |= 1UL << h;
                if (!lists.TryGetValue(h, out var list))
                {
                    lists[h] = list = [];
                }

                list.Add(new Entry(i, window + k));
            }
        }

        _entries = lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>How many anchors the matcher holds.</summary>
    public int Count => _anchors.Length;

    /// <summary>The byte length of anchor <paramref name="anchor"/>.</summary>
    public int LengthOf(int anchor) => _anchors[anchor].Length;

    /// <summary>Every occurrence in <paramref name="text"/>, at most <paramref name="perAnchor"/> for each anchor and
    /// <paramref name="total"/> in all, ordered by offset; null when there is none (the common case allocates nothing).</summary>
    public List<AnchorHit>? Find(ReadOnlySpan<byte> text, int perAnchor = 16, int total = 4096)
    {
        List<AnchorHit>? hits = null;
        int[]? counts = null;
        var last = text.Length - 4; // the last position a 4-byte window starts at
        if (last < 0)
        {
            return null;
        }

        ref var start = ref MemoryMarshal.GetReference(text);
        ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
        var s = _stride;
        var q = 0;
        for (; q + (3 * s) <= last; q += 4 * s)
        {
            var h0 = Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, q)));
            var h1 = Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, q + s)));
            var h2 = Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, q + (2 * s))));
            var h3 = Hash(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, q + (3 * s))));
            var fired = ((Unsafe.Add(ref filter, h0 >> 6) >> h0) & 1) | (((Unsafe.Add(ref filter, h1 >> 6) >> h1) & 1) << 1)
                | (((Unsafe.Add(ref filter, h2 >> 6) >> h2) & 1) << 2) | (((Unsafe.Add(ref filter, h3 >> 6) >> h3) & 1) << 3);
            if (fired != 0)
            {
                // Only the windows whose bit is set go to verification.
                for (var k = 0; k < 4 && !Full(hits, total); k++)
                {
                    if ((fired & (1UL << k)) != 0)
                    {
                        Verify(text, q + (k * s), ref hits, ref counts, perAnchor);
                    }
                }
            }
        }

        for (; q <= last && !Full(hits, total); q += s)
        {
            Verify(text, q, ref hits, ref counts, perAnchor);
        }

        if (hits is { Count: > 1 })
        {
            hits.Sort(static (a, b) => a.Offset != b.Offset ? a.Offset.CompareTo(b.Offset) : a.Anchor.CompareTo(b.Anchor));
        }

        return hits;
    }

    private static bool Full(List<AnchorHit>? hits, int total) => hits is not null && hits.Count >= total;

    private void Verify(ReadOnlySpan<byte> text, int q, ref List<AnchorHit>? hits, ref int[]? counts, int perAnchor)
    {
        var h = Hash(MemoryMarshal.Read<uint>(text[q..]));
        if ((_filter[h >> 6] & (1UL << h)) == 0 || !_entries.TryGetValue(h, out var entries))
        {
            return;
        }

        foreach (var e in entries)
        {
            var anchor = _anchors[e.Anchor];
            var at = q - e.Window;
            if (at < 0 || at + anchor.Length > text.Length)
            {
                continue;
            }

            var candidate = text.Slice(at, anchor.Length);
            var equal = _ignoreCase[e.Anchor] ? Ascii.EqualsIgnoreCase(candidate, anchor) : candidate.SequenceEqual(anchor);
            if (!equal)
            {
                continue;
            }

            counts ??= new int[_anchors.Length];
            if (counts[e.Anchor]++ < perAnchor)
            {
                (hits ??= []).Add(new AnchorHit(e.Anchor, at));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint window) => (int)(((window | Fold) * 0x9E3779B1u) >> (32 - HashBits));

    // The start of the `stride` consecutive 4-byte windows whose bytes are least common in ordinary files, so that
    // the filter fires rarely: NUL, spaces and lower-case letters are everywhere, punctuation and capitals are not.
    private static int RarestWindow(byte[] anchor, int stride)
    {
        var span = stride + 3;
        var best = 0;
        var bestScore = int.MaxValue;
        for (var o = 0; o + span <= anchor.Length; o++)
        {
            var score = 0;
            for (var i = o; i < o + span; i++)
            {
                score += Commonness(anchor[i]);
            }

            if (score < bestScore)
            {
                best = o;
                bestScore = score;
            }
        }

        return best;
    }

    private static int Commonness(byte b) => b switch
    {
        0 => 12,
        (byte)' ' or 0xff => 8,
        (byte)'e' or (byte)'t' or (byte)'a' or (byte)'o' or (byte)'i' or (byte)'n' or (byte)'s' or (byte)'r' or (byte)'h' or (byte)'l' => 6,
        >= (byte)'a' and <= (byte)'z' => 4,
        >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or (byte)'.' or (byte)'/' or (byte)'_' or (byte)'-' => 3,
        < 0x80 => 1,
        _ => 2,
    };
}
