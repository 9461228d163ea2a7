using System.Text.Encodings.Web;
using System.Text.Json;

namespace Drydock.Policy.Output;

/// <summary>Writes the decision as JSON (the <see cref="PolicyDecision"/> record, camelCase).</summary>
public sealed class PolicyJsonWriter : IPolicyDecisionWriter
{
    private static readonly PolicyJsonContext Context = new(new JsonSerializerOptions(PolicyJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public async Task WriteAsync(PolicyDecision decision, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(JsonSerializer.Serialize(decision, Context.PolicyDecision).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a decision back (tests and tools that consume the output).</summary>
    public static PolicyDecision Read(string json)
        => JsonSerializer.Deserialize(json, Context.PolicyDecision) ?? throw new JsonException("empty policy decision");
}
