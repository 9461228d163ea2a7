namespace Drydock.Advisories.Cvss;

/// <summary>
/// CVSS v3.0 and v3.1 grammar and equations (FIRST specification documents, section 7 and, for v3.1, Appendix A).
/// Both specifications say readers must accept metrics in any order; "X" (not defined) may be written explicitly.
/// </summary>
internal static class Cvss3Calculator
{
    public static readonly CvssGrammar Grammar = new(
        fixedOrder: false,
        CvssMetric.Base("AV", "N", "A", "L", "P"),
        CvssMetric.Base("AC", "L", "H"),
        CvssMetric.Base("PR", "N", "L", "H"),
        CvssMetric.Base("UI", "N", "R"),
        CvssMetric.Base("S", "U", "C"),
        CvssMetric.Base("C", "H", "L", "N"),
        CvssMetric.Base("I", "H", "L", "N"),
        CvssMetric.Base("A", "H", "L", "N"),
        CvssMetric.Optional("E", "X", "H", "F", "P", "U"),
        CvssMetric.Optional("RL", "X", "U", "W", "T", "O"),
        CvssMetric.Optional("RC", "X", "C", "R", "U"),
        CvssMetric.Optional("CR", "X", "H", "M", "L"),
        CvssMetric.Optional("IR", "X", "H", "M", "L"),
        CvssMetric.Optional("AR", "X", "H", "M", "L"),
        CvssMetric.Optional("MAV", "X", "N", "A", "L", "P"),
        CvssMetric.Optional("MAC", "X", "L", "H"),
        CvssMetric.Optional("MPR", "X", "N", "L", "H"),
        CvssMetric.Optional("MUI", "X", "N", "R"),
        CvssMetric.Optional("MS", "X", "U", "C"),
        CvssMetric.Optional("MC", "X", "H", "L", "N"),
        CvssMetric.Optional("MI", "X", "H", "L", "N"),
        CvssMetric.Optional("MA", "X", "H", "L", "N"));

    /// <summary>Base, temporal and environmental scores; absent temporal and environmental metrics count as "X".</summary>
    public static (double Base, double Temporal, double Environmental) Score(IReadOnlyDictionary<string, string> m, bool v31)
    {
        var changed = m["S"] == "C";
        var iss = 1 - ((1 - Cia(m["C"])) * (1 - Cia(m["I"])) * (1 - Cia(m["A"])));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * AttackVector(m["AV"]) * AttackComplexity(m["AC"]) * PrivilegesRequired(m["PR"], changed) * UserInteraction(m["UI"]);
        var baseScore = impact <= 0 ? 0 : CvssRounding.Roundup(Math.Min((changed ? 1.08 : 1) * (impact + exploitability), 10));

        var temporalFactor = ExploitCodeMaturity(Get(m, "E")) * RemediationLevel(Get(m, "RL")) * ReportConfidence(Get(m, "RC"));
        var temporal = CvssRounding.Roundup(baseScore * temporalFactor);

        var modifiedChanged = Modified(m, "S") == "C";
        var miss = Math.Min(
            1 - ((1 - (Requirement(Get(m, "CR")) * Cia(Modified(m, "C"))))
                * (1 - (Requirement(Get(m, "IR")) * Cia(Modified(m, "I"))))
                * (1 - (Requirement(Get(m, "AR")) * Cia(Modified(m, "A"))))),
            0.915);
        var modifiedImpact = !modifiedChanged
            ? 6.42 * miss
            : v31
                ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13))
                : (7.52 * (miss - 0.029)) - (3.25 * Math.Pow(miss - 0.02, 15));
        var modifiedExploitability = 8.22 * AttackVector(Modified(m, "AV")) * AttackComplexity(Modified(m, "AC"))
            * PrivilegesRequired(Modified(m, "PR"), modifiedChanged) * UserInteraction(Modified(m, "UI"));
        var environmental = modifiedImpact <= 0
            ? 0
            : CvssRounding.Roundup(CvssRounding.Roundup(Math.Min((modifiedChanged ? 1.08 : 1) * (modifiedImpact + modifiedExploitability), 10)) * temporalFactor);

        return (baseScore, temporal, environmental);
    }

    private static string Get(IReadOnlyDictionary<string, string> m, string name) => m.TryGetValue(name, out var v) ? v : "X";

    /// <summary>The modified metric's value, or the base metric's when the modified one is absent or "X".</summary>
    private static string Modified(IReadOnlyDictionary<string, string> m, string name)
        => m.TryGetValue("M" + name, out var v) && v != "X" ? v : m[name];

    private static double AttackVector(string v) => v switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 };

    private static double AttackComplexity(string v) => v == "L" ? 0.77 : 0.44;

    private static double PrivilegesRequired(string v, bool changed) => v switch
    {
        "N" => 0.85,
        "L" => changed ? 0.68 : 0.62,
        _ => changed ? 0.5 : 0.27,
    };

    private static double UserInteraction(string v) => v == "N" ? 0.85 : 0.62;

    private static double Cia(string v) => v switch { "H" => 0.56, "L" => 0.22, _ => 0.0 };

    private static double ExploitCodeMaturity(string v) => v switch { "F" => 0.97, "P" => 0.94, "U" => 0.91, _ => 1.0 };

    private static double RemediationLevel(string v) => v switch { "W" => 0.97, "T" => 0.96, "O" => 0.95, _ => 1.0 };

    private static double ReportConfidence(string v) => v switch { "R" => 0.96, "U" => 0.92, _ => 1.0 };

    private static double Requirement(string v) => v switch { "H" => 1.5, "L" => 0.5, _ => 1.0 };
}
