namespace Drydock.Population.Reports;

/// <summary>The formats <c>drydock stats</c> writes a <see cref="PopulationStats"/> in.</summary>
public enum PopulationReportFormat
{
    /// <summary>Human-readable tables (Spectre.Console), coloured only on a terminal.</summary>
    Table,

    /// <summary>The <see cref="PopulationJsonContext"/> document.</summary>
    Json,

    /// <summary>A flat <c>metric,category,value</c> file (RFC 4180) for spreadsheets.</summary>
    Csv,

    /// <summary>One self-contained HTML file with inline SVG charts.</summary>
    Html,
}
