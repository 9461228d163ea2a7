using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Drydock.Crawl;
using Drydock.Population;
using Drydock.Project;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock stats</c>: the figures over the crawled population in the project database.</summary>
public static class StatsCommand
{
    /// <summary>The formats --format accepts.</summary>
    public static readonly string[] Formats = ["table", "json"];

    /// <summary>Builds <c>drydock stats</c>.</summary>
    public static Command Create(CliContext context)
    {
        var db = ProjectDatabaseOption.Create();
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output" };
        var top = new Option<int>("--top") { Description = "Packages and bases listed", DefaultValueFactory = _ => 20 };
        var command = new Command("stats", "Statistics over the crawled population: images, critical vulnerabilities, harmful images by category, layer reuse")
        {
            db, format, output, top,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(top) is var t and >= 1 ? t : throw new DrydockInputException("--top must be at least 1");
            var location = ProjectDatabaseOption.Resolve(parse.GetValue(db), out _);
            if (location.Kind == ProjectDatabaseKind.Sqlite && !File.Exists(location.Target))
            {
                throw new DrydockInputException($"no project database at {location.Display}: run 'drydock crawl' first (or name one with --db)");
            }

            await using var database = await ProjectDatabase.OpenAsync(location, cancellationToken).ConfigureAwait(false);
            var stats = await new PopulationQuery(database) { TopPackages = count, TopBases = count }.ComputeAsync(cancellationToken).ConfigureAwait(false);
            var outputPath = parse.GetValue(output);
            await ScanCommand.WriteOutputAsync(parse.GetValue(format) switch
            {
                "json" => (writer, ct) => WriteJsonAsync(stats, writer, ct),
                _ => (writer, ct) => WriteTableAsync(stats, writer, ct),
            }, outputPath, context, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The <c>--format json</c> document.</summary>
    public static async Task WriteJsonAsync(PopulationStats stats, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(JsonSerializer.Serialize(stats, PopulationJsonContext.Default.PopulationStats).AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteLineAsync().ConfigureAwait(false);
    }

    // A plain table; the richer writers (table, CSV, HTML) live in Drydock.Population.Reports.
    private static async Task WriteTableAsync(PopulationStats s, TextWriter writer, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(c, $"Images (distinct manifests)   {s.Images}"),
            string.Create(c, $"Repositories                  {s.Repositories}"),
            string.Create(c, $"Tags                          {s.Tags}"),
            string.Create(c, $"Failed                        {s.Failed}"),
            string.Create(c, $"With critical                 {s.WithCritical} ({s.WithCriticalShare:P1})"),
            string.Create(c, $"With high or critical         {s.WithHigh} ({s.WithHighShare:P1})"),
            string.Create(c, $"With fixable critical         {s.WithFixableCritical} ({s.WithFixableCriticalShare:P1})"),
            string.Create(c, $"Harmful                       {s.Harmful.Total} ({s.Harmful.Share:P1})"),
        };
        lines.AddRange(s.Harmful.ByCategory.OrderByDescending(kv => kv.Value).Select(kv =>
            string.Create(c, $"  {kv.Key,-28}{kv.Value} ({s.Harmful.ShareOfHarmful.GetValueOrDefault(kv.Key):P0} of harmful)")));
        lines.Add(string.Create(c, $"Layers                        {s.Layers.Analysed} distinct, {s.Layers.Reused} reused ({s.Layers.ReuseRatio:P1})"));
        lines.Add("Top vulnerable packages (images, of which critical)");
        lines.AddRange(s.TopVulnerablePackages.Select(p => string.Create(c, $"  {p.Ecosystem + "/" + p.Name,-28}{p.Images} ({p.Critical})")));
        lines.Add("Most common bases (images)");
        lines.AddRange(s.CommonBases.Select(b => string.Create(c, $"  {b.Name,-28}{b.Images}")));
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }
}
