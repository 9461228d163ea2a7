using System.Formats.Tar;

namespace Drydock.Sources.Archives;

/// <summary>One member of an indexed tar archive: its normalised name, type, and where its data lies in the file.</summary>
/// <param name="Name">The normalised member name (no leading <c>./</c> or slash, no trailing slash).</param>
/// <param name="Type">The tar entry type.</param>
/// <param name="DataOffset">The position of the member's data in the archive file.</param>
/// <param name="Length">The member's data length in bytes.</param>
/// <param name="LinkName">The link target of a symbolic or hard link, as written.</param>
public sealed record TarArchiveMember(string Name, TarEntryType Type, long DataOffset, long Length, string? LinkName)
{
    /// <summary>True for regular file data.</summary>
    public bool IsFile => Type is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    /// <summary>The last component of <see cref="Name"/>.</summary>
    public string FileName => Name[(Name.LastIndexOf('/') + 1)..];
}
