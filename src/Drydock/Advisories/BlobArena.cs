namespace Drydock.Advisories;

/// <summary>Copies of small blobs that many records keep: packed into shared 64 KiB arrays rather than one array each, so
/// reading thousands of rows allocates a few dozen objects for their bytes. Not thread-safe; one per query.</summary>
internal sealed class BlobArena
{
    private const int ChunkSize = 64 * 1024;

    // A blob larger than this gets an array of its own, so a chunk is never mostly wasted.
    private const int LargeBlob = ChunkSize / 8;

    private byte[] _chunk = [];
    private int _used;

    /// <summary>A copy of <paramref name="blob"/> that lives as long as the returned memory is referenced.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> blob)
    {
        if (blob.Length > LargeBlob)
        {
            return blob.ToArray();
        }

        if (_chunk.Length - _used < blob.Length)
        {
            _chunk = new byte[ChunkSize];
            _used = 0;
        }

        blob.CopyTo(_chunk.AsSpan(_used));
        var copy = new ReadOnlyMemory<byte>(_chunk, _used, blob.Length);
        _used += blob.Length;
        return copy;
    }
}
