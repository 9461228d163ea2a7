using Spectre.Console;

namespace Drydock.Reporting.Table;

/// <summary>The table report's misconfigurations section: a count line and one row per failed check.</summary>
internal static class MisconfigurationsTable
{
    public static void Write(ScanReport report, IAnsiConsole console)
    {
        if (!report.Scanners.Contains("misconfig"))
        {
            return;
        }

        console.MarkupLine($"[bold]Misconfigurations:[/] {report.Misconfigurations.Count:N0}");
        if (report.Misconfigurations.Count == 0)
        {
            return;
        }

        var table = new Spectre.Console.Table().Border(TableBorder.Rounded)
            .AddColumn("Severity").AddColumn("Check").AddColumn("CIS").AddColumn("Title").AddColumn("Evidence");
        foreach (var m in report.Misconfigurations)
        {
            var evidence = string.Join("; ", m.Evidence.Take(3)) + (m.Evidence.Count > 3 ? $" (+{m.Evidence.Count - 3} more)" : string.Empty);
            table.AddRow(TableReportWriter.SeverityMarkup(m.Severity), Markup.Escape(m.Id), Markup.Escape(m.Cis ?? "-"), Markup.Escape(m.Title) + "\n[dim]" + Markup.Escape(TableReportWriter.Trim("Fix: " + m.Fix, 70)) + "[/]",
                Markup.Escape(TableReportWriter.Trim(evidence, 60)));
        }

        console.Write(table);
    }
}
