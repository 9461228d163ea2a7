using System.Text.Json;

namespace Drydock.Population.Reports;

/// <summary>Writes the <see cref="PopulationJsonContext"/> document (camelCase, indented; field list in docs/crawl.md).</summary>
public sealed class PopulationJsonWriter : IPopulationReportWriter
{
    public PopulationReportFormat Format => PopulationReportFormat.Json;

    public async Task WriteAsync(PopulationStats stats, TextWriter output, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(PopulationFigures.Finite(stats), PopulationJsonContext.Default.PopulationStats);
        await output.WriteAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>Reads a document this writer wrote.</summary>
    public static PopulationStats Read(string json)
        => JsonSerializer.Deserialize(json, PopulationJsonContext.Default.PopulationStats) ?? throw new JsonException("the population document is null");
}
