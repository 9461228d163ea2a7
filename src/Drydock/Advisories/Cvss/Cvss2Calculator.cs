namespace Drydock.Advisories.Cvss;

/// <summary>CVSS v2 grammar and equations (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0", section 3.2).</summary>
internal static class Cvss2Calculator
{
    /// <summary>
    /// The v2 guide lists the metrics in this order but, unlike v4.0, states no rule against other orders, so any
    /// order is read. "ND" (not defined) is the v2 spelling of an absent temporal or environmental metric.
    /// </summary>
    public static readonly CvssGrammar Grammar = new(
        fixedOrder: false,
        CvssMetric.Base("AV", "L", "A", "N"),
        CvssMetric.Base("AC", "H", "M", "L"),
        CvssMetric.Base("Au", "M", "S", "N"),
        CvssMetric.Base("C", "N", "P", "C"),
        CvssMetric.Base("I", "N", "P", "C"),
        CvssMetric.Base("A", "N", "P", "C"),
        CvssMetric.Optional("E", "U", "POC", "F", "H", "ND"),
        CvssMetric.Optional("RL", "OF", "TF", "W", "U", "ND"),
        CvssMetric.Optional("RC", "UC", "UR", "C", "ND"),
        CvssMetric.Optional("CDP", "N", "L", "LM", "MH", "H", "ND"),
        CvssMetric.Optional("TD", "N", "L", "M", "H", "ND"),
        CvssMetric.Optional("CR", "L", "M", "H", "ND"),
        CvssMetric.Optional("IR", "L", "M", "H", "ND"),
        CvssMetric.Optional("AR", "L", "M", "H", "ND"));

    /// <summary>Base, temporal and environmental scores; absent (or ND) temporal and environmental metrics take their neutral values.</summary>
    public static (double Base, double Temporal, double Environmental) Score(IReadOnlyDictionary<string, string> m)
    {
        var exploitability = 20 * AccessVector(m["AV"]) * AccessComplexity(m["AC"]) * Authentication(m["Au"]);
        var c = Impact(m["C"]);
        var i = Impact(m["I"]);
        var a = Impact(m["A"]);

        var impact = 10.41 * (1 - ((1 - c) * (1 - i) * (1 - a)));
        var baseScore = BaseEquation(impact, exploitability);

        var temporalFactor = Exploitability(Get(m, "E")) * RemediationLevel(Get(m, "RL")) * ReportConfidence(Get(m, "RC"));
        var temporal = CvssRounding.RoundV2(baseScore * temporalFactor);

        var adjustedImpact = Math.Min(10, 10.41 * (1 - ((1 - (c * Requirement(Get(m, "CR")))) * (1 - (i * Requirement(Get(m, "IR")))) * (1 - (a * Requirement(Get(m, "AR")))))));
        var adjustedTemporal = CvssRounding.RoundV2(BaseEquation(adjustedImpact, exploitability) * temporalFactor);
        var environmental = CvssRounding.RoundV2((adjustedTemporal + ((10 - adjustedTemporal) * CollateralDamage(Get(m, "CDP")))) * TargetDistribution(Get(m, "TD")));
        return (baseScore, temporal, environmental);
    }

    private static double BaseEquation(double impact, double exploitability)
        => CvssRounding.RoundV2(((0.6 * impact) + (0.4 * exploitability) - 1.5) * (impact == 0 ? 0 : 1.176));

    private static string Get(IReadOnlyDictionary<string, string> m, string name) => m.TryGetValue(name, out var v) ? v : "ND";

    private static double AccessVector(string v) => v switch { "L" => 0.395, "A" => 0.646, _ => 1.0 };

    private static double AccessComplexity(string v) => v switch { "H" => 0.35, "M" => 0.61, _ => 0.71 };

    private static double Authentication(string v) => v switch { "M" => 0.45, "S" => 0.56, _ => 0.704 };

    private static double Impact(string v) => v switch { "P" => 0.275, "C" => 0.660, _ => 0.0 };

    private static double Exploitability(string v) => v switch { "U" => 0.85, "POC" => 0.9, "F" => 0.95, _ => 1.0 };

    private static double RemediationLevel(string v) => v switch { "OF" => 0.87, "TF" => 0.90, "W" => 0.95, _ => 1.0 };

    private static double ReportConfidence(string v) => v switch { "UC" => 0.90, "UR" => 0.95, _ => 1.0 };

    private static double CollateralDamage(string v) => v switch { "L" => 0.1, "LM" => 0.3, "MH" => 0.4, "H" => 0.5, _ => 0.0 };

    private static double TargetDistribution(string v) => v switch { "N" => 0.0, "L" => 0.25, "M" => 0.75, _ => 1.0 };

    private static double Requirement(string v) => v switch { "L" => 0.5, "H" => 1.51, _ => 1.0 };
}
