namespace Drydock.Advisories.Cvss;

/// <summary>
/// CVSS v4.0 grammar and scoring (FIRST, CVSS v4.0 specification document, sections 7 and 8): the vector's
/// MacroVector (EQ1..EQ6) gives a score from <see cref="Cvss4Tables"/>, lowered by the mean, over the equivalence sets
/// that have a next-lower MacroVector, of the score gap to that MacroVector scaled by how far the vector sits below the
/// highest-severity vectors of its own MacroVector.
/// </summary>
internal static class Cvss4Calculator
{
    /// <summary>
    /// Section 7: "A vector string must contain metrics in the order shown in Table 23, every other ordering is invalid."
    /// The order read is the one the FIRST calculator writes (base VC/VI/VA before SC/SI/SA, then threat, environmental,
    /// supplemental); vectors in any other order are refused.
    /// </summary>
    public static readonly CvssGrammar Grammar = new(
        fixedOrder: true,
        CvssMetric.Base("AV", "N", "A", "L", "P"),
        CvssMetric.Base("AC", "L", "H"),
        CvssMetric.Base("AT", "N", "P"),
        CvssMetric.Base("PR", "N", "L", "H"),
        CvssMetric.Base("UI", "N", "P", "A"),
        CvssMetric.Base("VC", "H", "L", "N"),
        CvssMetric.Base("VI", "H", "L", "N"),
        CvssMetric.Base("VA", "H", "L", "N"),
        CvssMetric.Base("SC", "H", "L", "N"),
        CvssMetric.Base("SI", "H", "L", "N"),
        CvssMetric.Base("SA", "H", "L", "N"),
        CvssMetric.Optional("E", "X", "A", "P", "U"),
        CvssMetric.Optional("CR", "X", "H", "M", "L"),
        CvssMetric.Optional("IR", "X", "H", "M", "L"),
        CvssMetric.Optional("AR", "X", "H", "M", "L"),
        CvssMetric.Optional("MAV", "X", "N", "A", "L", "P"),
        CvssMetric.Optional("MAC", "X", "L", "H"),
        CvssMetric.Optional("MAT", "X", "N", "P"),
        CvssMetric.Optional("MPR", "X", "N", "L", "H"),
        CvssMetric.Optional("MUI", "X", "N", "P", "A"),
        CvssMetric.Optional("MVC", "X", "H", "L", "N"),
        CvssMetric.Optional("MVI", "X", "H", "L", "N"),
        CvssMetric.Optional("MVA", "X", "H", "L", "N"),
        CvssMetric.Optional("MSC", "X", "H", "L", "N"),
        CvssMetric.Optional("MSI", "X", "S", "H", "L", "N"),
        CvssMetric.Optional("MSA", "X", "S", "H", "L", "N"),
        CvssMetric.Optional("S", "X", "N", "P"),
        CvssMetric.Optional("AU", "X", "N", "Y"),
        CvssMetric.Optional("R", "X", "A", "U", "I"),
        CvssMetric.Optional("V", "X", "D", "C"),
        CvssMetric.Optional("RE", "X", "L", "M", "H"),
        CvssMetric.Optional("U", "X", "Clear", "Green", "Amber", "Red"));

    private static readonly string[] ImpactMetrics = ["VC", "VI", "VA", "SC", "SI", "SA"];

    private static readonly string[] ThreatMetrics = ["E"];

    private static readonly string[] EnvironmentalMetrics =
        ["CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA"];

    /// <summary>"CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE": which groups hold a defined (not "X") metric.</summary>
    public static string Nomenclature(IReadOnlyDictionary<string, string> m)
    {
        var threat = ThreatMetrics.Any(n => Defined(m, n));
        var environmental = EnvironmentalMetrics.Any(n => Defined(m, n));
        return "CVSS-B" + (threat ? "T" : "") + (environmental ? "E" : "");
    }

    /// <summary>The score of the vector; with <paramref name="baseOnly"/> threat and environmental metrics are ignored (CVSS-B).</summary>
    public static double Score(IReadOnlyDictionary<string, string> metrics, bool baseOnly)
    {
        var v = new Effective(metrics, baseOnly);
        if (ImpactMetrics.All(n => v[n] == "N"))
        {
            return 0.0;
        }

        var eq1 = v["AV"] == "N" && v["PR"] == "N" && v["UI"] == "N" ? 0
            : (v["AV"] == "N" || v["PR"] == "N" || v["UI"] == "N") && v["AV"] != "P" ? 1
            : 2;
        var eq2 = v["AC"] == "L" && v["AT"] == "N" ? 0 : 1;
        var eq3 = v["VC"] == "H" && v["VI"] == "H" ? 0
            : v["VC"] == "H" || v["VI"] == "H" || v["VA"] == "H" ? 1
            : 2;
        var eq4 = v["SI"] == "S" || v["SA"] == "S" ? 0
            : v["SC"] == "H" || v["SI"] == "H" || v["SA"] == "H" ? 1
            : 2;
        var eq5 = v["E"] switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (v["CR"] == "H" && v["VC"] == "H") || (v["IR"] == "H" && v["VI"] == "H") || (v["AR"] == "H" && v["VA"] == "H") ? 0 : 1;

        var value = Cvss4Tables.MacroVectorScores[Key(eq1, eq2, eq3, eq4, eq5, eq6)];

        // The score of the next lower MacroVector in each equivalence set, absent when there is none.
        var lowerEq1 = Lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
        var lowerEq2 = Lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
        double? lowerEq3Eq6 = (eq3, eq6) switch
        {
            (0, 0) => Max(Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1), Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6)),
            (1, 0) => Lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1),
            (2, _) => null,
            _ => Lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6),
        };
        var lowerEq4 = Lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
        var lowerEq5 = Lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

        // Severity distances (in 0.1 steps) from the first highest-severity vector of the MacroVector that is at least as severe in every metric.
        var distances = Distances(v, eq1, eq2, eq3, eq4, eq6);

        var count = 0;
        var total = 0.0;
        Accumulate(lowerEq1, distances.Eq1, Cvss4Tables.Eq1Depth[eq1]);
        Accumulate(lowerEq2, distances.Eq2, Cvss4Tables.Eq2Depth[eq2]);
        Accumulate(lowerEq3Eq6, distances.Eq3Eq6, Cvss4Tables.Eq3Eq6Depth[eq3][eq6]);
        Accumulate(lowerEq4, distances.Eq4, Cvss4Tables.Eq4Depth[eq4]);

        // EQ5 has a single vector per level: its proportion of distance is always zero, but it still counts towards the mean.
        Accumulate(lowerEq5, 0, 1);

        var score = value - (count == 0 ? 0 : total / count);
        return CvssRounding.RoundV4(Math.Clamp(score, 0, 10));

        void Accumulate(double? lower, int distance, int depth)
        {
            if (lower is { } l)
            {
                count++;
                total += (value - l) * distance / depth;
            }
        }
    }

    private static bool Defined(IReadOnlyDictionary<string, string> m, string name) => m.TryGetValue(name, out var v) && v != "X";

    private static string Key(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) => string.Concat(eq1, eq2, eq3, eq4, eq5, eq6);

    private static double? Lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
        => Cvss4Tables.MacroVectorScores.TryGetValue(Key(eq1, eq2, eq3, eq4, eq5, eq6), out var score) ? score : null;

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static (int Eq1, int Eq2, int Eq3Eq6, int Eq4) Distances(Effective v, int eq1, int eq2, int eq3, int eq4, int eq6)
    {
        var result = (0, 0, 0, 0);
        foreach (var a in Cvss4Tables.Eq1Maxima[eq1])
        {
            foreach (var b in Cvss4Tables.Eq2Maxima[eq2])
            {
                foreach (var c in Cvss4Tables.Eq3Eq6Maxima[eq3][eq6])
                {
                    foreach (var d in Cvss4Tables.Eq4Maxima[eq4])
                    {
                        var max = ParseMaximum(a, b, c, d);
                        var each = new Dictionary<string, int>(StringComparer.Ordinal);
                        foreach (var (name, maxValue) in max)
                        {
                            each[name] = Level(name, v[name]) - Level(name, maxValue);
                        }

                        result = (
                            each["AV"] + each["PR"] + each["UI"],
                            each["AC"] + each["AT"],
                            each["VC"] + each["VI"] + each["VA"] + each["CR"] + each["IR"] + each["AR"],
                            each["SC"] + each["SI"] + each["SA"]);
                        if (each.Values.All(x => x >= 0))
                        {
                            return result;
                        }
                    }
                }
            }
        }

        // Unreachable for a well-formed vector; like the reference calculator, the last candidate's distances stand.
        return result;
    }

    private static IEnumerable<(string Name, string Value)> ParseMaximum(params string[] parts)
    {
        foreach (var part in parts)
        {
            foreach (var pair in part.Split('/'))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                yield return (pair[..colon], pair[(colon + 1)..]);
            }
        }
    }

    /// <summary>A metric value's severity level in 0.1 steps, 0 being the most severe (section 8.2 severity distances).</summary>
    private static int Level(string metric, string value) => metric switch
    {
        "AV" => value switch { "N" => 0, "A" => 1, "L" => 2, _ => 3 },
        "PR" => value switch { "N" => 0, "L" => 1, _ => 2 },
        "UI" => value switch { "N" => 0, "P" => 1, _ => 2 },
        "AC" => value == "L" ? 0 : 1,
        "AT" => value == "N" ? 0 : 1,
        "VC" or "VI" or "VA" => value switch { "H" => 0, "L" => 1, _ => 2 },
        "SC" or "SI" or "SA" => value switch { "S" => 0, "H" => 1, "L" => 2, _ => 3 },
        _ => value switch { "H" => 0, "M" => 1, _ => 2 },
    };

    /// <summary>
    /// The values scoring uses: a modified metric other than "X" replaces its base metric; E "X" counts as A (attacked)
    /// and CR/IR/AR "X" as H, the worst case.
    /// </summary>
    private readonly struct Effective(IReadOnlyDictionary<string, string> metrics, bool baseOnly)
    {
        public string this[string name]
        {
            get
            {
                switch (name)
                {
                    case "E":
                        return Optional(name) is { } e ? e : "A";
                    case "CR" or "IR" or "AR":
                        return Optional(name) is { } r ? r : "H";
                    default:
                        return Optional("M" + name) is { } modified ? modified : metrics[name];
                }
            }
        }

        private string? Optional(string name)
            => !baseOnly && metrics.TryGetValue(name, out var value) && value != "X" ? value : null;
    }
}
