namespace Drydock.Promotion;

/// <summary>The running counts of one promotion, safe to update from parallel blob transfers.</summary>
internal sealed class PromotionTally
{
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly List<string> _platforms = [];
    private int _copied;
    private int _mounted;
    private int _skipped;
    private int _foreign;
    private int _manifests;
    private long _bytes;

    public int Manifests => _manifests;
    public int Copied => _copied;
    public int Mounted => _mounted;
    public int Skipped => _skipped;
    public int Foreign => _foreign;
    public long Bytes => Interlocked.Read(ref _bytes);

    public IReadOnlyList<string> Platforms
    {
        get
        {
            lock (_platforms)
            {
                return [.. _platforms];
            }
        }
    }

    /// <summary>True the first time a digest is seen: blobs shared by platforms or repeated in a manifest move once.</summary>
    public bool Claim(string digest)
    {
        lock (_claimed)
        {
            return _claimed.Add(digest);
        }
    }

    public void Add(BlobOutcome outcome, long size)
    {
        switch (outcome)
        {
            case BlobOutcome.Copied:
                Interlocked.Increment(ref _copied);
                Interlocked.Add(ref _bytes, size);
                break;
            case BlobOutcome.Mounted:
                Interlocked.Increment(ref _mounted);
                break;
            default:
                Interlocked.Increment(ref _skipped);
                break;
        }
    }

    public void AddForeign() => Interlocked.Increment(ref _foreign);

    public void AddManifest() => Interlocked.Increment(ref _manifests);

    public void AddPlatform(string platform)
    {
        lock (_platforms)
        {
            _platforms.Add(platform);
        }
    }
}
