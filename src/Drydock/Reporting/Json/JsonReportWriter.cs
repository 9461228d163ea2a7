using System.Text.Encodings.Web;
using System.Text.Json;

namespace Drydock.Reporting.Json;

/// <summary>Writes the report as indented JSON.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // Reports are files, not HTML: keep '+', '<' and non-ASCII readable instead of \u escapes.
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public string Format => "json";

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(JsonSerializer.Serialize(report, Context.ScanReport).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a report written by this writer (for tests and later commands).</summary>
    public static ScanReport Read(string json) => JsonSerializer.Deserialize(json, Context.ScanReport)
        ?? throw new JsonException("empty report");
}
