namespace Drydock.Layers;

/// <summary>The metadata of one layer entry. <see cref="Path"/> is normalised: relative to the image root,
/// no leading slash, no <c>.</c> or <c>..</c> components. For whiteouts it names the deleted path.</summary>
/// <param name="Path">The normalised path.</param>
/// <param name="Kind">The entry kind.</param>
/// <param name="Size">Content size in bytes (0 for everything but regular files).</param>
/// <param name="Mode">Permission and special bits (setuid 0o4000, setgid 0o2000, sticky 0o1000).</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="LinkTarget">Symlink target as written, or hard-link target as a normalised path.</param>
/// <param name="ModifiedUnixSeconds">Modification time in Unix seconds.</param>
public readonly record struct EntryInfo(
    string Path,
    EntryKind Kind,
    long Size,
    int Mode,
    int Uid,
    int Gid,
    string? LinkTarget,
    long ModifiedUnixSeconds)
{
    public const int SetUid = 0x800;
    public const int SetGid = 0x400;
    public const int Sticky = 0x200;

    /// <summary>True for regular files.</summary>
    public bool IsFile => Kind == EntryKind.File;

    /// <summary>The last path component.</summary>
    public ReadOnlySpan<char> FileName
    {
        get
        {
            var slash = Path.LastIndexOf('/');
            return slash < 0 ? Path.AsSpan() : Path.AsSpan(slash + 1);
        }
    }
}
