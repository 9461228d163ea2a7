using System.Diagnostics.CodeAnalysis;

namespace Drydock.Advisories.Cvss;

/// <summary>
/// A parsed CVSS vector (v2, v3.0, v3.1 or v4.0) with the scores its specification computes from it.
/// Two vectors are equal when their version and vector text are.
/// </summary>
public sealed record CvssVector
{
    /// <summary>The longest vector read; a full v4.0 vector with every optional metric is under 250 characters.</summary>
    public const int MaxLength = 1024;

    private CvssVector(CvssVersion version, string vector, Dictionary<string, string> metrics)
    {
        Version = version;
        Vector = vector;
        Metrics = metrics.AsReadOnly();
    }

    /// <summary>The specification the vector follows.</summary>
    public CvssVersion Version { get; }

    /// <summary>The vector text as given to <see cref="TryParse"/>.</summary>
    public string Vector { get; }

    /// <summary>The metrics the vector writes, by abbreviated name (values as written, "X"/"ND" included).</summary>
    public IReadOnlyDictionary<string, string> Metrics { get; }

    /// <summary>
    /// The base score: v2 round_to_1_decimal, v3.x Roundup (computed as v3.1 Appendix A defines it, for 3.0 as well),
    /// v4.0 the CVSS-B score (threat and environmental metrics ignored).
    /// </summary>
    public double BaseScore { get; private init; }

    /// <summary>The v2 and v3.x temporal score (equal to the base score when no temporal metric is defined); null for v4.0, which has none.</summary>
    public double? TemporalScore { get; private init; }

    /// <summary>The v2 and v3.x environmental score (absent environmental metrics take their "not defined" values); null for v4.0.</summary>
    public double? EnvironmentalScore { get; private init; }

    /// <summary>
    /// The v4.0 score from every metric in the vector (CVSS-B, -BT, -BE or -BTE, see <see cref="Nomenclature"/>);
    /// for v2 and v3.x the environmental score when an environmental metric is defined, else the temporal score when a
    /// temporal metric is defined, else the base score.
    /// </summary>
    public double Score { get; private init; }

    /// <summary>The v4.0 nomenclature of <see cref="Score"/>: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE"; null for v2 and v3.x.</summary>
    public string? Nomenclature { get; private init; }

    /// <summary>The qualitative severity of <see cref="BaseScore"/>: <see cref="SeverityOf"/> for v3.x and v4.0, <see cref="SeverityOfV2"/> for v2.</summary>
    public string Severity => Version == CvssVersion.V2_0 ? SeverityOfV2(BaseScore) : SeverityOf(BaseScore);

    /// <summary>
    /// Reads a vector strictly: <c>CVSS:4.0/</c>, <c>CVSS:3.1/</c> and <c>CVSS:3.0/</c> prefixes, or a v2 vector bare,
    /// in parentheses or after <c>CVSS:2.0/</c>; every mandatory base metric exactly once, optional metrics at most once,
    /// known names and values only (case-sensitive), no surrounding whitespace, at most <see cref="MaxLength"/> characters.
    /// v2 and v3.x metrics may come in any order (the v3 specifications require readers to accept that); v4.0 metrics
    /// must follow the specification's order (section 7: "every other ordering is invalid").
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? vector, [NotNullWhen(true)] out CvssVector? v)
    {
        v = null;
        if (string.IsNullOrEmpty(vector) || vector.Length > MaxLength)
        {
            return false;
        }

        if (vector.StartsWith("CVSS:", StringComparison.Ordinal))
        {
            var slash = vector.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return false;
            }

            var body = vector[(slash + 1)..];
            switch (vector[..slash])
            {
                case "CVSS:4.0":
                    return Read(CvssVersion.V4_0, vector, body, out v);
                case "CVSS:3.1":
                    return Read(CvssVersion.V3_1, vector, body, out v);
                case "CVSS:3.0":
                    return Read(CvssVersion.V3_0, vector, body, out v);
                case "CVSS:2.0":
                    return Read(CvssVersion.V2_0, vector, body, out v);
                default:
                    return false;
            }
        }

        if (vector.StartsWith('(') && vector.EndsWith(')'))
        {
            return Read(CvssVersion.V2_0, vector, vector[1..^1], out v);
        }

        return Read(CvssVersion.V2_0, vector, vector, out v);
    }

    /// <summary>The v3.x/v4.0 qualitative rating: 9.0+ "critical", 7.0+ "high", 4.0+ "medium", 0.1+ "low", otherwise "none".</summary>
    public static string SeverityOf(double score) => score switch
    {
        >= 9.0 => "critical",
        >= 7.0 => "high",
        >= 4.0 => "medium",
        >= 0.1 => "low",
        _ => "none",
    };

    /// <summary>NVD's v2 rating (v2 itself defines none): 7.0+ "high", 4.0+ "medium", otherwise "low" (0.0 included).</summary>
    public static string SeverityOfV2(double score) => score switch
    {
        >= 7.0 => "high",
        >= 4.0 => "medium",
        _ => "low",
    };

    /// <inheritdoc />
    public bool Equals(CvssVector? other)
        => other is not null && Version == other.Version && string.Equals(Vector, other.Vector, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, StringComparer.Ordinal.GetHashCode(Vector));

    private static bool Read(CvssVersion version, string vector, string body, [NotNullWhen(true)] out CvssVector? v)
    {
        v = null;
        var grammar = version switch
        {
            CvssVersion.V4_0 => Cvss4Calculator.Grammar,
            CvssVersion.V2_0 => Cvss2Calculator.Grammar,
            _ => Cvss3Calculator.Grammar,
        };
        if (grammar.Read(body) is not { } metrics)
        {
            return false;
        }

        v = version switch
        {
            CvssVersion.V4_0 => new CvssVector(version, vector, metrics)
            {
                BaseScore = Cvss4Calculator.Score(metrics, baseOnly: true),
                Score = Cvss4Calculator.Score(metrics, baseOnly: false),
                Nomenclature = Cvss4Calculator.Nomenclature(metrics),
            },
            CvssVersion.V2_0 => WithScores(version, vector, metrics, Cvss2Calculator.Score(metrics), ["E", "RL", "RC"], ["CDP", "TD", "CR", "IR", "AR"], "ND"),
            _ => WithScores(version, vector, metrics, Cvss3Calculator.Score(metrics, v31: version == CvssVersion.V3_1), ["E", "RL", "RC"],
                ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"], "X"),
        };
        return true;
    }

    private static CvssVector WithScores(
        CvssVersion version,
        string vector,
        Dictionary<string, string> metrics,
        (double Base, double Temporal, double Environmental) scores,
        string[] temporalNames,
        string[] environmentalNames,
        string notDefined)
    {
        bool AnyDefined(string[] names) => names.Any(n => metrics.TryGetValue(n, out var value) && value != notDefined);

        return new CvssVector(version, vector, metrics)
        {
            BaseScore = scores.Base,
            TemporalScore = scores.Temporal,
            EnvironmentalScore = scores.Environmental,
            Score = AnyDefined(environmentalNames) ? scores.Environmental : AnyDefined(temporalNames) ? scores.Temporal : scores.Base,
        };
    }
}
