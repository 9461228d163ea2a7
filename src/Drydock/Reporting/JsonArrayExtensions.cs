using System.Text.Json.Nodes;

namespace Drydock.Reporting;

/// <summary>Adds nodes to a <see cref="JsonArray"/> without the generic <c>Add&lt;T&gt;</c> overload, which needs
/// run-time code generation and so breaks the NativeAOT build.</summary>
internal static class JsonArrayExtensions
{
    public static void Append(this JsonArray array, JsonNode? node) => array.Add(node);

    public static void Append(this JsonArray array, string value) => array.Add((JsonNode?)JsonValue.Create(value));
}
