namespace Drydock.Population.Reports.Html;

/// <summary>One bar of a <see cref="BarChart"/>: its label, its value on the chart's scale, the text shown after it, and its fill when not the chart's.</summary>
internal sealed record Bar(string Label, double Value, string ValueText, string? Fill = null);
