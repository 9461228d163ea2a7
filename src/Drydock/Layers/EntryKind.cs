namespace Drydock.Layers;

/// <summary>What a tar entry is, after whiteout markers have been recognised.</summary>
public enum EntryKind : byte
{
    File,
    Directory,
    Symlink,
    HardLink,
    CharDevice,
    BlockDevice,
    Fifo,

    /// <summary>A <c>.wh.NAME</c> marker: NAME (the entry's path) is deleted from lower layers.</summary>
    Whiteout,

    /// <summary>A <c>.wh..wh..opq</c> marker: the directory (the entry's path) hides all lower-layer content.</summary>
    OpaqueWhiteout,
}
