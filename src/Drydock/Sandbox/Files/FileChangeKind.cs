using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Files;

/// <summary>How a run changed a path of the image's root.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileChangeKind>))]
public enum FileChangeKind
{
    [JsonStringEnumMemberName("created")] Created,
    [JsonStringEnumMemberName("modified")] Modified,
    [JsonStringEnumMemberName("deleted")] Deleted,
}
