using System.Globalization;
using System.Text.Json.Nodes;

namespace Drydock.Reporting.Sarif;

/// <summary>SARIF rules and results for secrets (<c>secret/RULE</c>, located at the file and line, or at the
/// configuration entry as a logical location) and misconfigurations (<c>misconfig/ID</c>, located at the image
/// configuration). Messages carry masked text only.</summary>
internal static class SarifImageFindings
{
    public static void AddSecrets(ScanReport report, JsonArray rules, JsonArray results)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in report.Secrets)
        {
            var ruleId = "secret/" + s.RuleId;
            if (!index.TryGetValue(ruleId, out var ruleIndex))
            {
                ruleIndex = rules.Count;
                index[ruleId] = ruleIndex;
                rules.Append(Rule(ruleId, s.Title, s.Severity, $"{s.Title}. Remove it from the image (all layers) and rotate it: a secret that was ever pushed is exposed.", "secret"));
            }

            var where = s.Path is not null ? $"{s.Path}:{s.Line}" : s.Location;
            var result = new JsonObject
            {
                ["ruleId"] = ruleId,
                ["ruleIndex"] = ruleIndex,
                ["level"] = SarifReportWriter.Level(s.Severity),
                ["message"] = new JsonObject { ["text"] = $"{s.Title} in {where}" + (s.Deleted ? " (deleted by a later layer, still in the image's layers)" : "") + $": {s.Match}" },
                ["locations"] = new JsonArray(s.Path is not null ? FileLocation(s.Path, s.Line ?? 1, report.Artifact.Name) : ConfigLocation(s.Location ?? s.Source)),
                ["partialFingerprints"] = new JsonObject { ["drydock/v1"] = $"{s.RuleId}|{s.Path ?? s.Location}|{s.Line}|{s.Layer}" },
                ["properties"] = new JsonObject { ["source"] = s.Source, ["layer"] = s.Layer, ["deleted"] = s.Deleted },
            };
            results.Append(result);
        }
    }

    public static void AddMisconfigurations(ScanReport report, JsonArray rules, JsonArray results)
    {
        foreach (var m in report.Misconfigurations)
        {
            var ruleId = "misconfig/" + m.Id;
            var ruleIndex = rules.Count;
            var rule = Rule(ruleId, m.Title, m.Severity, "Fix: " + m.Fix, "misconfiguration");
            if (m.Cis is not null)
            {
                rule["properties"]!["cis"] = m.Cis;
                rule["properties"]!["tags"]!.AsArray().Append(JsonValue.Create("CIS-" + m.Cis));
            }

            rules.Append(rule);
            results.Append(new JsonObject
            {
                ["ruleId"] = ruleId,
                ["ruleIndex"] = ruleIndex,
                ["level"] = SarifReportWriter.Level(m.Severity),
                ["message"] = new JsonObject { ["text"] = m.Title + (m.Evidence.Count > 0 ? ": " + string.Join("; ", m.Evidence.Take(10)) : "") },
                ["locations"] = new JsonArray(ConfigLocation("image configuration")),
                ["partialFingerprints"] = new JsonObject { ["drydock/v1"] = $"{m.Id}|{report.Artifact.Name}" },
            });
        }
    }

    private static JsonObject Rule(string id, string title, string severity, string help, string kind) => new()
    {
        ["id"] = id,
        ["name"] = string.Concat(id.Split('/', '-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])),
        ["shortDescription"] = new JsonObject { ["text"] = title },
        ["fullDescription"] = new JsonObject { ["text"] = title },
        ["defaultConfiguration"] = new JsonObject { ["level"] = SarifReportWriter.Level(severity) },
        ["help"] = new JsonObject { ["text"] = help },
        ["properties"] = new JsonObject
        {
            ["security-severity"] = SarifReportWriter.SeverityScore(severity).ToString("0.0", CultureInfo.InvariantCulture),
            ["tags"] = new JsonArray("security", kind, severity),
            ["precision"] = "high",
        },
    };

    private static JsonObject FileLocation(string path, int line, string image) => new()
    {
        ["physicalLocation"] = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = SarifReportWriter.ArtifactUri(path) },
            ["region"] = new JsonObject { ["startLine"] = Math.Max(1, line) },
        },
        ["message"] = new JsonObject { ["text"] = $"{image}: {path}" },
    };

    private static JsonObject ConfigLocation(string name) => new()
    {
        ["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = name, ["kind"] = "object" }),
    };
}
