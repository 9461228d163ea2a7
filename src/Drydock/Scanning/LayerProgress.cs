using Drydock.Sources;

namespace Drydock.Scanning;

/// <summary>Live progress of one layer, safe to poll from a display thread.</summary>
public sealed class LayerProgress(ILayer layer)
{
    private long _bytesRead;
    private int _entries;
    private int _state;
    private Layers.LayerReader? _reader;

    /// <summary>The layer.</summary>
    public ILayer Layer { get; } = layer;

    /// <summary>Stored (compressed) bytes read so far.</summary>
    public long BytesRead => Volatile.Read(ref _reader)?.CompressedBytesRead ?? Interlocked.Read(ref _bytesRead);

    /// <summary>Entries seen so far.</summary>
    public int Entries => Volatile.Read(ref _reader)?.EntriesRead ?? Volatile.Read(ref _entries);

    /// <summary>Where the layer is in its life.</summary>
    public LayerState State => (LayerState)Volatile.Read(ref _state);

    internal void Attach(Layers.LayerReader reader) => Volatile.Write(ref _reader, reader);

    internal void Complete(long bytesRead, int entries)
    {
        Interlocked.Exchange(ref _bytesRead, bytesRead);
        Volatile.Write(ref _entries, entries);
        Volatile.Write(ref _reader, null);
    }

    internal void SetState(LayerState state) => Volatile.Write(ref _state, (int)state);
}

/// <summary>The life of a layer during a scan.</summary>
public enum LayerState
{
    Waiting,
    Reading,
    Cached,
    Done,
    Failed,
}
