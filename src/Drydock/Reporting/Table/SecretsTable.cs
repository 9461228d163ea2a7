using Spectre.Console;

namespace Drydock.Reporting.Table;

/// <summary>The table report's secrets section: a count line and, when there are any, one row per secret (masked).</summary>
internal static class SecretsTable
{
    private const int MaxRows = 100;

    public static void Write(ScanReport report, IAnsiConsole console)
    {
        if (!report.Scanners.Contains("secret"))
        {
            return;
        }

        var deleted = report.Secrets.Count(s => s.Deleted);
        console.MarkupLine($"[bold]Secrets:[/] {report.Secrets.Count:N0}" + (deleted > 0 ? $" ({deleted:N0} in files a later layer deleted)" : string.Empty));
        if (report.Secrets.Count == 0)
        {
            return;
        }

        var layerIndex = report.Artifact.Layers.Where(l => l.DiffId is not null).ToDictionary(l => l.DiffId!, l => l.Index);
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded)
            .AddColumn("Severity").AddColumn("Rule").AddColumn("Where").AddColumn("Layer").AddColumn("Match (masked)");
        foreach (var s in report.Secrets.Take(MaxRows))
        {
            var where = s.Path is not null ? s.Path + (s.Line is { } line ? $":{line}" : string.Empty) : s.Location ?? s.Source;
            var layer = s.Layer is not null && layerIndex.TryGetValue(s.Layer, out var index) ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : "config";
            table.AddRow(TableReportWriter.SeverityMarkup(s.Severity), Markup.Escape(s.RuleId), Markup.Escape(TableReportWriter.Trim(where, 50)),
                s.Deleted ? layer + " [yellow](deleted)[/]" : layer, Markup.Escape(TableReportWriter.Trim(s.Match, 60)));
        }

        console.Write(table);
        if (report.Secrets.Count > MaxRows)
        {
            console.WriteLine($"… and {report.Secrets.Count - MaxRows} more secrets (see --format json)");
        }
    }
}
