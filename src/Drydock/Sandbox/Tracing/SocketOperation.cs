using System.Text.Json.Serialization;

namespace Drydock.Sandbox.Tracing;

/// <summary>Which socket call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SocketOperation>))]
public enum SocketOperation
{
    /// <summary>connect(2).</summary>
    [JsonStringEnumMemberName("connect")] Connect,

    /// <summary>sendto/sendmsg/sendmmsg with a destination (UDP, e.g. DNS).</summary>
    [JsonStringEnumMemberName("send")] Send,

    /// <summary>bind(2): a listener or a fixed source port.</summary>
    [JsonStringEnumMemberName("bind")] Bind,
}
