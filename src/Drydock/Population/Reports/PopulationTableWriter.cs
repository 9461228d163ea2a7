using Spectre.Console;

namespace Drydock.Population.Reports;

/// <summary>Writes the figures as Spectre.Console tables, as <c>drydock scan</c> does: the headline figures, then one table per breakdown.</summary>
public sealed class PopulationTableWriter(bool color) : IPopulationReportWriter
{
    /// <summary>Rows shown per breakdown table (the JSON, CSV and HTML keep them all).</summary>
    public const int MaxRows = 25;

    public PopulationReportFormat Format => PopulationReportFormat.Table;

    public Task WriteAsync(PopulationStats stats, TextWriter output, CancellationToken cancellationToken)
    {
        var console = IO.TextConsole.For(output, color);
        console.Write(Summary(stats));
        WriteHarmful(stats, console);
        WritePackages(stats, console);
        WriteBases(stats, console);
        return Task.CompletedTask;
    }

    private static Spectre.Console.Table Summary(PopulationStats s)
    {
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title("Population")
            .AddColumn("Figure").AddColumn(Right("Count")).AddColumn(Right("Share"));
        table.AddRow("[bold]Images scanned[/] (distinct manifests)", Count(s.Images), "");
        table.AddRow("Repositories", Count(s.Repositories), "");
        table.AddRow("Tags", Count(s.Tags), "");
        table.AddRow(s.Failed > 0 ? "[yellow]Failed to scan[/]" : "Failed to scan", Count(s.Failed), "");
        table.AddRow("With a critical vulnerability", Count(s.WithCritical), Percent(s.WithCriticalShare));
        table.AddRow("With a high or critical vulnerability", Count(s.WithHigh), Percent(s.WithHighShare));
        table.AddRow("With a fixable critical vulnerability", Count(s.WithFixableCritical), Percent(s.WithFixableCriticalShare));
        table.AddRow(s.Harmful.Total > 0 ? "[red]Harmful[/] (malicious verdict)" : "Harmful (malicious verdict)", Count(s.Harmful.Total), Percent(s.Harmful.Share));
        var l = s.Layers;
        table.AddRow("Layers analysed / reused", $"{Count(l.Analysed)} / {Count(l.Reused)}", Percent(l.ReuseRatio) + " reused");
        return table;
    }

    // The study's table: each category's count and its share of the harmful images.
    private static void WriteHarmful(PopulationStats stats, IAnsiConsole console)
        => Breakdown(console, PopulationFigures.Categories(stats), "[bold]Harmful images:[/] none", "categories",
            Titled($"Harmful images by category ({Count(stats.Harmful.Total)})").AddColumn("Category").AddColumn(Right("Images"))
                .AddColumn(Right("Share of harmful")).AddColumn(Right("Share of all")),
            c => [Text(c.Name, 40), Count(c.Images), Percent(c.ShareOfHarmful), Percent(c.ShareOfImages)]);

    private static void WritePackages(PopulationStats stats, IAnsiConsole console)
        => Breakdown(console, stats.TopVulnerablePackages, "[bold]Vulnerable packages:[/] none with a critical or high vulnerability", "packages",
            Titled("Top vulnerable packages (critical or high)").AddColumn("Ecosystem").AddColumn("Package").AddColumn(Right("Images"))
                .AddColumn(Right("Share")).AddColumn(Right("With critical")),
            p => [Text(p.Ecosystem, 20), Text(p.Name, 60), Count(p.Images), Percent(PopulationFigures.Share(p.Images, stats.Images)), Count(p.Critical)]);

    private static void WriteBases(PopulationStats stats, IAnsiConsole console)
        => Breakdown(console, stats.CommonBases, "[bold]Bases:[/] none", "bases",
            Titled("Most common bases").AddColumn("Operating system").AddColumn(Right("Images")).AddColumn(Right("Share")),
            b => [Text(b.Name, 60), Count(b.Images), Percent(PopulationFigures.Share(b.Images, stats.Images))]);

    // One breakdown: a line when there is nothing, else the first MaxRows rows and a count of the rest.
    private static void Breakdown<T>(IAnsiConsole console, IReadOnlyList<T> items, string none, string what, Spectre.Console.Table table, Func<T, string[]> row)
    {
        if (items.Count == 0)
        {
            console.MarkupLine(none);
            return;
        }

        foreach (var item in items.Take(MaxRows))
        {
            table.AddRow(row(item));
        }

        console.Write(table);
        if (items.Count > MaxRows)
        {
            console.WriteLine($"… and {items.Count - MaxRows} more {what} (see --format json, csv or html)");
        }
    }

    private static Spectre.Console.Table Titled(string title) => new Spectre.Console.Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    // Names come from the images: no markup, no control characters (a terminal escape is a control character).
    private static string Text(string text, int max) => Markup.Escape(DisplayText.Trim(DisplayText.Clean(text), max));

    private static string Count(long value) => PopulationFigures.Count(value);

    private static string Percent(double share) => PopulationFigures.Percent(share);
}
