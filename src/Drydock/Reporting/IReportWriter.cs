namespace Drydock.Reporting;

/// <summary>Writes a report in one format.</summary>
public interface IReportWriter
{
    /// <summary>The format name used with --format.</summary>
    string Format { get; }

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken);
}
