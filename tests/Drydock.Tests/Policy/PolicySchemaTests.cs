using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Analysis.Content;
using Drydock.Detection.Misconfigurations;
using Drydock.Policy;
using Drydock.Tests.Fixtures;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Drydock.Tests.Policy;

/// <summary>docs/policy.schema.json (for editors) and the parser agree: the examples validate, the keys and value lists
/// are the same, and what one refuses the other refuses.</summary>
public sealed class PolicySchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoPaths.Root, "docs", "policy.schema.json");

    private static JsonSchema Schema() => JsonSchema.FromText(File.ReadAllText(SchemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static JsonNode SchemaNode() => JsonNode.Parse(File.ReadAllText(SchemaPath))!;

    // YAML as an editor's YAML language server sees it: plain true/false are booleans, plain integers numbers.
    private static JsonNode? ToJson(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when s.Value is "true" or "false" => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static EvaluationResults Validate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var document = JsonDocument.Parse(ToJson(stream.Documents[0].RootNode)!.ToJsonString());
        return Schema().Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    public static TheoryData<string> Examples() => [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "policy-examples"), "*.yaml").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_policies_validate_against_the_schema_and_parse(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "policy-examples", name));
        var result = Validate(text);
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("; ", errors));
        PolicyParser.Parse(text, name);
    }

    [Fact]
    public void The_schema_and_the_parser_know_the_same_keys_and_values()
    {
        var schema = SchemaNode();
        var root = schema["properties"]!.AsObject();
        foreach (var (section, keys) in PolicyKeys.Sections)
        {
            var node = section switch
            {
                PolicyKeys.Root => schema,
                PolicyKeys.ExceptionEntry => root["exceptions"]!["items"]!,
                _ => root[section]!,
            };
            Assert.Equal(keys.Order(StringComparer.Ordinal), node["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.False(node["additionalProperties"]!.GetValue<bool>(), $"{section}: unknown keys must be refused");
        }

        static IEnumerable<string> Enum(JsonNode? node) => node!["enum"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(PolicyKeys.MaxSeverities, Enum(root["vulnerabilities"]!["properties"]!["maxSeverity"]));
        Assert.Equal(PolicyKeys.Confidences, Enum(root["malware"]!["properties"]!["minConfidence"]));
        Assert.Equal(ThreatCategory.All, Enum(root["malware"]!["properties"]!["deny"]!["items"]));
        Assert.Equal(ImageChecks.Default().Select(c => c.Id).Order(StringComparer.Ordinal),
            Enum(root["misconfigurations"]!["properties"]!["deny"]!["items"]).Order(StringComparer.Ordinal));
        Assert.Equal(PolicyDocument.CurrentVersion, root["version"]!["const"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("version: 1\nvulnerabilites:\n  maxSeverity: high\n")]
    [InlineData("version: 1\nvulnerabilities:\n  maxSeverity: severe\n")]
    [InlineData("version: 1\nvulnerabilities:\n  onlyKev: true\n")]
    [InlineData("version: 2\n")]
    [InlineData("registries:\n  allow: [a.io]\n")]
    [InlineData("version: 1\nmalware:\n  deny: [crypto-miner]\n")]
    [InlineData("version: 1\nbase:\n  require: hardend\n")]
    [InlineData("version: 1\nbase:\n  require: []\n")]
    [InlineData("version: 1\nsecrets:\n  deny: yes\n")]
    [InlineData("version: 1\nmisconfigurations:\n  deny: [run-as-root]\n")]
    [InlineData("version: 1\nmaxAge: 3 months\n")]
    [InlineData("version: 1\nexceptions:\n  - id: CVE-1\n    expires: 2027-01-01\n")]
    [InlineData("version: 1\nexceptions:\n  - id: CVE-1\n    expires: soon\n    reason: r\n")]
    [InlineData("version: 1\nregistries:\n  allow: registry.example.com\n")]
    public void What_the_parser_refuses_the_schema_refuses(string yaml)
    {
        Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(yaml, "p"));
        Assert.False(Validate(yaml).IsValid);
    }
}
