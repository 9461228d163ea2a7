using System.Text;
using System.Text.Json;
using Drydock.Reporting;
using Drydock.Reporting.Json;

namespace Drydock.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    // Many packages, so the report passes through the pooled buffer many times; names with non-ASCII characters and
    // characters the relaxed encoder keeps ('+', '<') so chunk borders fall inside multi-byte sequences somewhere.
    private static ScanReport LargeReport()
    {
        var sample = SbomWriterTests.SampleReport();
        var packages = Enumerable.Range(0, 3000).Select(i => new PackageReport
        {
            Type = "npm",
            Name = $"päckage-{i}",
            Version = $"1.{i}.0+build<{i}>",
            Purl = $"pkg:npm/p%C3%A4ckage-{i}@1.{i}.0",
            Licenses = ["MIT"],
            Path = $"/app/node_modules/päckage-{i}/package.json",
            Layer = "sha256:" + new string('c', 64),
            DependsOn = [],
        }).ToList();
        return sample with { Packages = [.. sample.Packages, .. packages] };
    }

    [Fact]
    public async Task A_file_and_a_text_writer_get_the_same_document_as_the_serializer_writes_whole()
    {
        var report = LargeReport();
        var text = new StringWriter();
        await new JsonReportWriter().WriteAsync(report, text, CancellationToken.None);

        var path = Path.Combine(Path.GetTempPath(), $"drydock-json-{Guid.NewGuid():N}.json");
        try
        {
            await using (var file = new StreamWriter(path))
            {
                await file.WriteAsync("x"); // something the writer holds before the report: it must come first
                await new JsonReportWriter().WriteAsync(report, file, CancellationToken.None);
            }

            var written = await File.ReadAllTextAsync(path, Encoding.UTF8);
            Assert.Equal("x" + text, written);
        }
        finally
        {
            File.Delete(path);
        }

        var document = text.ToString();
        var whole = new ReportJsonContext(new JsonSerializerOptions(ReportJsonContext.Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        Assert.Equal(JsonSerializer.Serialize(report, whole.ScanReport) + Environment.NewLine, document);
        Assert.True(document.Length > 4 * Drydock.IO.StreamBufferWriter.DefaultBufferSize);
        Assert.EndsWith("}" + Environment.NewLine, document, StringComparison.Ordinal);
        Assert.Contains("\"version\": \"1.2999.0+build<2999>\"", document, StringComparison.Ordinal); // indented, relaxed escaping
        Assert.Contains("päckage-17", document, StringComparison.Ordinal);
        var read = JsonReportWriter.Read(document);
        Assert.Equal(report.Packages.Count, read.Packages.Count);
        Assert.Equal(report.Packages[^1].Path, read.Packages[^1].Path);
        using var parsed = JsonDocument.Parse(document);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
    }
}
