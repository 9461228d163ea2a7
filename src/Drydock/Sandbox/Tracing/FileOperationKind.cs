using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Tracing;

/// <summary>What a traced process did to a file.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileOperationKind>))]
public enum FileOperationKind
{
    /// <summary>Opened for writing (O_WRONLY, O_RDWR, O_CREAT or O_TRUNC) or creat.</summary>
    [JsonStringEnumMemberName("write")] Write,

    /// <summary>rename, renameat, renameat2.</summary>
    [JsonStringEnumMemberName("rename")] Rename,

    /// <summary>unlink, unlinkat, rmdir.</summary>
    [JsonStringEnumMemberName("delete")] Delete,

    /// <summary>chmod, fchmod, fchmodat.</summary>
    [JsonStringEnumMemberName("chmod")] Chmod,

    /// <summary>mkdir, mkdirat.</summary>
    [JsonStringEnumMemberName("mkdir")] Mkdir,

    /// <summary>symlink, symlinkat: the path is the new link, the target what it points to.</summary>
    [JsonStringEnumMemberName("symlink")] Symlink,

    /// <summary>link, linkat.</summary>
    [JsonStringEnumMemberName("link")] Link,
}
