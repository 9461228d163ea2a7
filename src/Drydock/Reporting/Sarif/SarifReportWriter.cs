using System.Text.Json.Nodes;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Reporting.Sarif;

/// <summary>Writes vulnerability findings as SARIF 2.1.0 (as GitHub code scanning reads it): one rule per
/// vulnerability id with a security-severity, one result per affected package, located at the package's file;
/// secrets and misconfigurations follow with rules of their own (<see cref="SarifImageFindings"/>).</summary>
public sealed class SarifReportWriter : IReportWriter
{
    public string Format => "sarif";

    public Task WriteAsync(ScanReport report, TextWriter output, CancellationToken cancellationToken)
        => JsonDocumentWriter.WriteAsync(Build(report), output, cancellationToken);

    /// <summary>Builds the SARIF log.</summary>
    public static JsonObject Build(ScanReport report)
    {
        var rules = new JsonArray();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var v in report.Vulnerabilities)
        {
            if (!ruleIndex.TryGetValue(v.Id, out var index))
            {
                index = rules.Count;
                ruleIndex[v.Id] = index;
                rules.Append(Rule(v));
            }

            var text = $"{v.Package.Name} {v.InstalledVersion} is affected by {v.Id} ({v.Severity})"
                + (v.FixedVersions.Count > 0 ? $"; fixed in {string.Join(", ", v.FixedVersions)}" : $"; {v.Status}")
                + (v.Title is null ? "" : $": {v.Title}");
            results.Append(new JsonObject
            {
                ["ruleId"] = v.Id,
                ["ruleIndex"] = index,
                ["level"] = Level(v.Severity),
                ["message"] = new JsonObject { ["text"] = text },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = ArtifactUri(v.Package.Path) },
                        ["region"] = new JsonObject { ["startLine"] = 1 },
                    },
                    ["message"] = new JsonObject { ["text"] = $"{report.Artifact.Name}: {v.Package.Purl}" },
                }),
                ["partialFingerprints"] = new JsonObject { ["drydock/v1"] = $"{v.Id}|{v.Package.Purl}" },
                ["properties"] = new JsonObject
                {
                    ["purl"] = v.Package.Purl,
                    ["installedVersion"] = v.InstalledVersion,
                    ["fixedVersions"] = new JsonArray([.. v.FixedVersions.Select(x => (JsonNode?)JsonValue.Create(x))]),
                    ["layer"] = v.Layer,
                },
            });
        }

        SarifImageFindings.AddSecrets(report, rules, results);
        SarifImageFindings.AddMisconfigurations(report, rules, results);
        return SarifLog.Create(report.Generator.Version, rules, results, new JsonObject { ["image"] = report.Artifact.Name, ["digest"] = report.Artifact.Digest });
    }

    private static JsonObject Rule(VulnerabilityReport v)
    {
        var help = v.References.FirstOrDefault(r => r.StartsWith("http", StringComparison.Ordinal));
        var rule = new JsonObject
        {
            ["id"] = v.Id,
            ["name"] = v.Id.Replace("-", "", StringComparison.Ordinal),
            ["shortDescription"] = new JsonObject { ["text"] = $"{v.Id} ({v.Severity})" },
            ["fullDescription"] = new JsonObject { ["text"] = v.Title ?? v.Id },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(v.Severity) },
            ["help"] = new JsonObject { ["text"] = $"{v.Id}: {v.Title ?? "see the advisory"}. Aliases: {(v.Aliases.Count == 0 ? "none" : string.Join(", ", v.Aliases))}." },
            ["properties"] = new JsonObject
            {
                ["security-severity"] = (v.CvssScore ?? SeverityScore(v.Severity)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                ["tags"] = new JsonArray("security", "vulnerability", v.Severity),
                ["precision"] = "very-high",
            },
        };
        if (help is not null)
        {
            rule["helpUri"] = help;
        }

        return rule;
    }

    // GitHub reads error/warning/note; severities map onto them.
    internal static string Level(string severity) => severity switch
    {
        "critical" or "high" => "error",
        "medium" => "warning",
        _ => "note",
    };

    internal static double SeverityScore(string severity) => severity switch
    {
        "critical" => 9.5,
        "high" => 8.0,
        "medium" => 5.5,
        "low" => 2.0,
        _ => 0.0,
    };

    internal static string ArtifactUri(string path) => string.Join('/', path.TrimStart('/').Replace("!/", "/", StringComparison.Ordinal).Split('/').Select(Uri.EscapeDataString));
}
