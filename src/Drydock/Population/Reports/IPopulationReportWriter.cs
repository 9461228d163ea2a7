namespace Drydock.Population.Reports;

/// <summary>Writes a <see cref="PopulationStats"/> in one format.</summary>
public interface IPopulationReportWriter
{
    /// <summary>The format this writer produces.</summary>
    PopulationReportFormat Format { get; }

    /// <summary>Writes <paramref name="stats"/> to <paramref name="output"/> (which stays open).</summary>
    Task WriteAsync(PopulationStats stats, TextWriter output, CancellationToken cancellationToken);
}
