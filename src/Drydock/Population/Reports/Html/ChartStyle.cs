namespace Drydock.Population.Reports.Html;

/// <summary>A chart of the HTML report: its element id, its title and the fill of its bars (distinct per chart, so a screenshot shows which charts rendered).</summary>
public sealed record ChartStyle(string Id, string Title, string Fill);
