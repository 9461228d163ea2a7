using System.CommandLine;
using Drydock.Crawl;
using Drydock.Population.Reports;
using Drydock.Project;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock stats</c>: the figures over the crawled population in the project database.</summary>
public static class StatsCommand
{
    /// <summary>The formats --format accepts (table, json, csv, html: Drydock.Population.Reports).</summary>
    public static readonly string[] Formats = [.. PopulationReportWriters.Names];

    /// <summary>Builds <c>drydock stats</c>.</summary>
    public static Command Create(CliContext context)
    {
        var db = ProjectDatabaseOption.Create();
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of standard output (html: one self-contained file)" };
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
            var writer = PopulationReportWriters.For(PopulationReportWriters.Parse(parse.GetValue(format)!), color: outputPath is null && context.OutputIsTerminal);
            await ScanCommand.WriteOutputAsync((text, ct) => writer.WriteAsync(stats, text, ct), outputPath, context, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
