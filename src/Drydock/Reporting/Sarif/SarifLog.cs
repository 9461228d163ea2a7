using System.Text.Json.Nodes;

namespace Drydock.Reporting.Sarif;

/// <summary>The SARIF 2.1.0 log around Drydock's single run: tool driver, rules, results and run properties.</summary>
public static class SarifLog
{
    /// <summary>A log of one run of the Drydock driver.</summary>
    public static JsonObject Create(string version, JsonArray rules, JsonArray results, JsonObject properties) => new()
    {
        ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
        ["version"] = "2.1.0",
        ["runs"] = new JsonArray(new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "Drydock",
                    ["version"] = version,
                    ["semanticVersion"] = version,
                    ["rules"] = rules,
                },
            },
            ["results"] = results,
            ["properties"] = properties,
        }),
    };
}
