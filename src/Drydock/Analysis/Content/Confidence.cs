using System.Text.Json.Serialization;

namespace Drydock.Analysis.Content;

/// <summary>How sure a rule is that its match means what its category says.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Confidence>))]
public enum Confidence : byte
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
}
