using System.Text;

namespace Drydock.Population.Reports;

/// <summary>The entry point for <c>drydock stats</c>: the format names, and the writer for each format.</summary>
public static class PopulationReportWriters
{
    /// <summary>The names --format accepts, in <see cref="PopulationReportFormat"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["table", "json", "csv", "html"];

    /// <summary>The writer for <paramref name="format"/>; <paramref name="color"/> only affects the table (ANSI colours for a terminal).</summary>
    public static IPopulationReportWriter For(PopulationReportFormat format, bool color = false) => format switch
    {
        PopulationReportFormat.Table => new PopulationTableWriter(color),
        PopulationReportFormat.Json => new PopulationJsonWriter(),
        PopulationReportFormat.Csv => new PopulationCsvWriter(),
        PopulationReportFormat.Html => new PopulationHtmlWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown population report format"),
    };

    /// <summary>Parses a --format name (case-insensitive); throws <see cref="FormatException"/> naming the accepted ones.</summary>
    public static PopulationReportFormat Parse(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return (PopulationReportFormat)i;
            }
        }

        throw new FormatException($"unknown format '{name}' (use {string.Join(", ", Names)})");
    }

    /// <summary>The --format name of <paramref name="format"/>.</summary>
    public static string NameOf(PopulationReportFormat format) => Names[(int)format];

    /// <summary>Writes <paramref name="stats"/> as UTF-8 (no byte-order mark) to <paramref name="output"/>, which stays open.</summary>
    public static async Task WriteAsync(this IPopulationReportWriter writer, PopulationStats stats, Stream output, CancellationToken cancellationToken)
    {
        var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using (text.ConfigureAwait(false))
        {
            await writer.WriteAsync(stats, text, cancellationToken).ConfigureAwait(false);
            await text.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
