namespace Drydock.Layers;

/// <summary>One entry while a layer is being read. <see cref="Data"/> is valid only until the next entry is requested.</summary>
public sealed class LayerEntry(EntryInfo info, Stream? data)
{
    /// <summary>The entry's metadata.</summary>
    public EntryInfo Info { get; } = info;

    /// <summary>The content of a regular file, forward-only; null for other kinds.</summary>
    public Stream? Data { get; } = data;
}
