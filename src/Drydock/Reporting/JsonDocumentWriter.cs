using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Reporting;

/// <summary>Writes a JSON document built as nodes (the SBOM formats), indented and with readable characters.</summary>
internal static class JsonDocumentWriter
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(JsonObject document, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(document.ToJsonString(Options).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }
}
