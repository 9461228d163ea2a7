using System.Text.Json;

namespace Drydock.Sandbox.Network;

/// <summary>One stratum JSON-RPC request line (the Monero-style <c>login</c> and the Bitcoin-style <c>mining.*</c> methods).</summary>
/// <param name="IdJson">The request's <c>id</c> as raw JSON, echoed in the reply.</param>
/// <param name="Method">The method.</param>
/// <param name="Login">The wallet or worker user, when the method carries one.</param>
/// <param name="Agent">The miner's self-description, when the method carries one.</param>
internal sealed record StratumRequest(string IdJson, string Method, string? Login, string? Agent)
{
    private const int MaxFieldLength = 512;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>Whether the method is one the sink reports (a login, subscription or authorisation).</summary>
    public bool IsLogin => Method is "login" or "mining.subscribe" or "mining.authorize";

    /// <summary>Parses one line; null when it is no JSON object with a string <c>method</c>.</summary>
    public static StratumRequest? Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line, Options);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out var m) || m.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var id = root.TryGetProperty("id", out var i) && i.ValueKind is JsonValueKind.Number or JsonValueKind.String ? Cap(i.GetRawText()) : "null";
            var method = Cap(m.GetString()!);
            root.TryGetProperty("params", out var p);
            return method switch
            {
                "login" when p.ValueKind == JsonValueKind.Object => new StratumRequest(id, method, Text(p, "login"), Text(p, "agent")),
                "mining.authorize" => new StratumRequest(id, method, Item(p, 0), null),
                "mining.subscribe" => new StratumRequest(id, method, null, Item(p, 0)),
                _ => new StratumRequest(id, method, null, null),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A plausible pool reply, so a miner goes on to send what it sends next.</summary>
    public string Reply() => Method switch
    {
        "login" => $$$"""{"id":{{{IdJson}}},"jsonrpc":"2.0","error":null,"result":{"id":"1","job":{"blob":"{{{new string('0', 152)}}}","job_id":"1","target":"b88d0600","id":"1"},"status":"OK"}}""",
        "mining.subscribe" => $$$"""{"id":{{{IdJson}}},"result":[[["mining.set_difficulty","1"],["mining.notify","1"]],"08000002",4],"error":null}""",
        "mining.authorize" => $$$"""{"id":{{{IdJson}}},"result":true,"error":null}""",
        _ => $$$"""{"id":{{{IdJson}}},"jsonrpc":"2.0","error":null,"result":{"status":"OK"}}""",
    } + "\n";

    private static string? Text(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Cap(v.GetString()!) : null;

    private static string? Item(JsonElement array, int index)
        => array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > index && array[index].ValueKind == JsonValueKind.String
            ? Cap(array[index].GetString()!)
            : null;

    private static string Cap(string value) => value.Length <= MaxFieldLength ? value : value[..MaxFieldLength];
}
