namespace Drydock.Advisories.Cvss;

/// <summary>One metric of a vector grammar: its abbreviated name, the value abbreviations the specification allows, and whether the base group requires it.</summary>
internal sealed record CvssMetric(string Name, string[] Values, bool Mandatory)
{
    public static CvssMetric Base(string name, params string[] values) => new(name, values, Mandatory: true);

    public static CvssMetric Optional(string name, params string[] values) => new(name, values, Mandatory: false);
}
