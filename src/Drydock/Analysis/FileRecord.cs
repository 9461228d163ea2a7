using System.Text.Json.Serialization;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>The kind of executable a file's magic bytes show.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutableFormat>))]
public enum ExecutableFormat : byte
{
    None,
    Elf,
    PE,
    Script,
    MachO,
}

/// <summary>One filesystem entry of a layer as the census records it.</summary>
/// <param name="Path">The normalised path.</param>
/// <param name="Kind">The entry kind (never a whiteout: those are kept apart).</param>
/// <param name="Size">Size in bytes (regular files).</param>
/// <param name="Mode">Permission and special bits.</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="LinkTarget">Symlink or hard-link target.</param>
/// <param name="Format">Executable format by magic bytes.</param>
public sealed record FileRecord(
    string Path,
    [property: JsonConverter(typeof(JsonStringEnumConverter<EntryKind>))] EntryKind Kind,
    long Size,
    int Mode,
    int Uid,
    int Gid,
    string? LinkTarget,
    ExecutableFormat Format)
{
    /// <summary>True for setuid regular files.</summary>
    [JsonIgnore] public bool IsSetUid => Kind == EntryKind.File && (Mode & EntryInfo.SetUid) != 0;

    /// <summary>True for setgid regular files.</summary>
    [JsonIgnore] public bool IsSetGid => Kind == EntryKind.File && (Mode & EntryInfo.SetGid) != 0;

    /// <summary>True for regular files anyone may write.</summary>
    [JsonIgnore] public bool IsWorldWritable => Kind == EntryKind.File && (Mode & 0x2) != 0;
}
