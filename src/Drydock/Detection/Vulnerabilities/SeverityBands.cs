namespace Drydock.Detection.Vulnerabilities;

/// <summary>Severity names, their order, and vendor words mapped onto them.</summary>
public static class SeverityBands
{
    /// <summary>From least to most severe.</summary>
    public static readonly string[] Ordered = ["unknown", "low", "medium", "high", "critical"];

    /// <summary>The rank of a severity name (unknown is 0).</summary>
    public static int Rank(string severity) => Math.Max(0, Array.IndexOf(Ordered, severity));

    /// <summary>The band of a CVSS score: 9.0 critical, 7.0 high, 4.0 medium, 0.1 low.</summary>
    public static string OfScore(double score) => score switch
    {
        >= 9.0 => "critical",
        >= 7.0 => "high",
        >= 4.0 => "medium",
        >= 0.1 => "low",
        _ => "unknown",
    };

    /// <summary>A vendor's word (Red Hat "important", Debian "unimportant", GHSA "moderate", …) as a band, or null.</summary>
    public static string? OfVendorRating(string? rating) => rating?.Trim().ToLowerInvariant() switch
    {
        "critical" => "critical",
        "high" or "important" => "high",
        "medium" or "moderate" => "medium",
        "low" or "unimportant" or "negligible" => "low",
        _ => null,
    };
}
