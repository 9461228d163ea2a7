using System.Text.Json.Nodes;
using Drydock.Reporting;
using Drydock.Reporting.Sarif;

namespace Drydock.Policy.Output;

/// <summary>Writes the decision as SARIF 2.1.0: one rule per policy rule (<c>policy/NAME</c>) and one result per rule with
/// <c>kind</c> pass or fail, the reason as its message, located at the policy file and, logically, at the image.</summary>
public sealed class PolicySarifWriter : IPolicyDecisionWriter
{
    public Task WriteAsync(PolicyDecision decision, TextWriter output, CancellationToken cancellationToken)
        => JsonDocumentWriter.WriteAsync(Build(decision), output, cancellationToken);

    /// <summary>Builds the SARIF log.</summary>
    public static JsonObject Build(PolicyDecision decision)
    {
        var rules = new JsonArray();
        var results = new JsonArray();
        foreach (var (rule, index) in decision.Rules.Select((r, i) => (r, i)))
        {
            var id = "policy/" + rule.Rule;
            rules.Append(new JsonObject
            {
                ["id"] = id,
                ["name"] = "Policy" + char.ToUpperInvariant(rule.Rule[0]) + rule.Rule[1..],
                ["shortDescription"] = new JsonObject { ["text"] = $"Policy rule '{rule.Rule}'" },
                ["fullDescription"] = new JsonObject { ["text"] = $"The '{rule.Rule}' rule of the policy {decision.Policy} (see docs/policy.md)." },
                ["defaultConfiguration"] = new JsonObject { ["level"] = "error" },
                ["properties"] = new JsonObject { ["tags"] = new JsonArray("security", "policy") },
            });
            results.Append(new JsonObject
            {
                ["ruleId"] = id,
                ["ruleIndex"] = index,
                ["kind"] = rule.Passed ? "pass" : "fail",
                ["level"] = rule.Passed ? "none" : "error",
                ["message"] = new JsonObject { ["text"] = rule.Reason },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = PolicyUri(decision.Policy) },
                    },
                    ["logicalLocations"] = new JsonArray(new JsonObject
                    {
                        ["fullyQualifiedName"] = decision.Image.Reference,
                        ["kind"] = "image",
                    }),
                }),
                ["partialFingerprints"] = new JsonObject { ["drydock-policy/v1"] = $"{id}|{decision.Image.Registry}/{decision.Image.Repository}" },
                ["properties"] = new JsonObject
                {
                    ["violations"] = new JsonArray([.. rule.Violations.Select(v => (JsonNode?)new JsonObject { ["id"] = v.Id, ["detail"] = v.Detail })]),
                    ["excepted"] = new JsonArray([.. rule.Excepted.Select(e => (JsonNode?)new JsonObject
                    {
                        ["id"] = e.Id,
                        ["expires"] = e.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        ["reason"] = e.Reason,
                    })]),
                },
            });
        }

        return SarifLog.Create(ScanReportBuilder.Version, rules, results, new JsonObject
        {
            ["image"] = decision.Image.Reference,
            ["digest"] = decision.Image.Digest,
            ["passed"] = decision.Passed,
            ["expiredExceptions"] = new JsonArray([.. decision.ExpiredExceptions.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["expires"] = e.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["reason"] = e.Reason,
                ["line"] = e.Line,
            })]),
        });
    }

    // A relative path stays relative (SARIF resolves it against the run's working directory); an absolute one becomes a file URI.
    private static string PolicyUri(string path)
        => Path.IsPathRooted(path) ? new Uri(path).AbsoluteUri : string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
}
