using System.Globalization;
using System.Text;

namespace Drydock.Population.Reports.Html;

/// <summary>
/// A horizontal bar chart drawn as inline SVG: a label column, one bar per row scaled to <see cref="Scale"/> (or to the
/// largest value), the value text after each bar; long labels lose their middle. Accessible: <c>role="img"</c>, a <c>&lt;title&gt;</c> and a
/// <c>&lt;desc&gt;</c> with every value; each bar's full label in its own tooltip. No bars: the text "no data".
/// </summary>
internal sealed record BarChart(ChartStyle Style, IReadOnlyList<Bar> Bars, double? Scale = null)
{
    public const int Width = 840;
    private const int LabelRight = 240;
    private const int BarLeft = 250;
    private const int BarMax = 340;
    private const int RowHeight = 26;
    private const int BarHeight = 18;
    private const int Margin = 8;
    private const int MaxLabel = 34;

    /// <summary>The fill of the track behind a bar on a fixed scale (a share out of 100%).</summary>
    public const string TrackFill = "#ececec";

    /// <summary>Appends the <c>&lt;svg&gt;</c> element.</summary>
    public void Render(StringBuilder html)
    {
        var id = Style.Id;
        var height = Bars.Count == 0 ? 60 : (2 * Margin) + (Bars.Count * RowHeight);
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" ")
            .Append(CultureInfo.InvariantCulture, $"width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-size=\"12\">\n")
            .Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">").AppendEscaped(Style.Title).Append("</title>\n")
            .Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">").AppendEscaped(Description()).Append("</desc>\n");
        if (Bars.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"35\" text-anchor=\"middle\" class=\"no-data\">no data</text>\n</svg>\n");
            return;
        }

        var scale = Scale ?? Bars.Max(b => b.Value);
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var top = Margin + (i * RowHeight) + ((RowHeight - BarHeight) / 2);
            var baseline = top + BarHeight - 5;
            var width = BarWidth(bar.Value, scale);
            html.Append("<g><title>").AppendEscaped($"{bar.Label}: {bar.ValueText}").Append("</title>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelRight}\" y=\"{baseline}\" text-anchor=\"end\">")
                .AppendEscaped(DisplayText.TrimMiddle(DisplayText.Clean(bar.Label), MaxLabel)).Append("</text>");
            if (Scale is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{BarLeft}\" y=\"{top}\" width=\"{BarMax}\" height=\"{BarHeight}\" fill=\"{TrackFill}\"/>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{BarLeft}\" y=\"{top}\" width=\"{width}\" height=\"{BarHeight}\" fill=\"{bar.Fill ?? Style.Fill}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{BarLeft + (Scale is null ? width : BarMax) + 6}\" y=\"{baseline}\">").AppendEscaped(bar.ValueText).Append("</text></g>\n");
        }

        html.Append("</svg>\n");
    }

    // Whole pixels (crisp edges); a value above zero is never drawn narrower than one pixel.
    private static int BarWidth(double value, double scale)
    {
        if (!double.IsFinite(value) || value <= 0 || !double.IsFinite(scale) || scale <= 0)
        {
            return 0;
        }

        return Math.Clamp((int)Math.Round(Math.Min(value, scale) / scale * BarMax, MidpointRounding.AwayFromZero), 1, BarMax);
    }

    private string Description()
        => Bars.Count == 0 ? "no data" : string.Join("; ", Bars.Select(b => $"{b.Label}: {b.ValueText}"));
}
