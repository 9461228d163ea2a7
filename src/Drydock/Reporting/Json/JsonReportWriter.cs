using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Drydock.IO;

namespace Drydock.Reporting.Json;

/// <summary>Writes the report as indented JSON, in chunks through one pooled buffer: a report of thousands of packages is
/// never held whole in memory (nor as a UTF-16 string).</summary>
public sealed class JsonReportWriter : IReportWriter
{
    // Reports are files, not HTML: keep '+', '<' and non-ASCII readable instead of \u escapes.
    private static readonly ReportJsonContext Context = new(new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    // Serialising into a Utf8JsonWriter takes the writer's options, not the serializer's: the same layout, spelled again.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = Context.Options.Encoder,
        Indented = Context.Options.WriteIndented,
        IndentCharacter = Context.Options.IndentCharacter,
        IndentSize = Context.Options.IndentSize,
        NewLine = Context.Options.NewLine,
        SkipValidation = true,
    };

    public string Format => "json";

    public async Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (output is StreamWriter { BaseStream.CanWrite: true } file && IsPlainUtf8(file.Encoding))
        {
            // A file (or stdout) in UTF-8: the bytes go straight to its stream, behind what the writer already holds.
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            Write(report, file.BaseStream);
            await file.WriteLineAsync().ConfigureAwait(false);
            return;
        }

        Write(report, new TextWriterUtf8Stream(output));
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="report"/> as UTF-8 JSON to <paramref name="stream"/> (no trailing newline).</summary>
    public static void Write(ScanReport report, Stream stream)
    {
        using var buffer = new StreamBufferWriter(stream);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            // The serialization-only context's options are the ones the generator compiled for, so its fast path (generated
            // writes, no property metadata) runs; escaping comes from the writer's encoder either way.
            JsonSerializer.Serialize(json, report, ReportWriteJsonContext.Default.ScanReport);
        }

        buffer.Flush();
    }

    /// <summary>Reads a report written by this writer (for tests and later commands).</summary>
    public static ScanReport Read(string json) => JsonSerializer.Deserialize(json, Context.ScanReport)
        ?? throw new JsonException("empty report");

    private static bool IsPlainUtf8(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage && encoding.Preamble.Length == 0;
}
