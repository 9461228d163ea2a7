using System.Text.Json;

namespace Drydock.Reporting.Json;

/// <summary>Writes the report as indented JSON.</summary>
public sealed class JsonReportWriter : IReportWriter
{
    public string Format => "json";

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(JsonSerializer.Serialize(report, ReportJsonContext.Default.ScanReport).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a report written by this writer (for tests and later commands).</summary>
    public static ScanReport Read(string json) => JsonSerializer.Deserialize(json, ReportJsonContext.Default.ScanReport)
        ?? throw new JsonException("empty report");
}
