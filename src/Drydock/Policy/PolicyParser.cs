using System.Globalization;
using System.Text.RegularExpressions;
using Drydock.Analysis.Content;
using Drydock.Detection.Misconfigurations;

namespace Drydock.Policy;

/// <summary>Reads a policy file strictly: an unknown key, a wrong type or an unknown value is refused with
/// <see cref="PolicyParseException"/> (<c>FILE:LINE:COLUMN: reason</c>), so a typo never weakens a policy.</summary>
public static partial class PolicyParser
{
    /// <summary>The largest policy file read.</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads and parses a policy file.</summary>
    public static PolicyDocument Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DrydockInputException($"--policy {path}: no such file");
        }

        if (info.Length > MaxBytes)
        {
            throw new DrydockInputException($"--policy {path}: larger than {MaxBytes / 1024} KiB, not a policy");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses policy text; <paramref name="source"/> names it in errors.</summary>
    public static PolicyDocument Parse(string text, string source)
    {
        var root = PolicyYamlReader.Read(text, source);
        if (root is null or YamlScalar { Null: true })
        {
            throw new PolicyParseException(source, 1, 1, "empty policy: a policy starts with 'version: 1'");
        }

        var context = new Context(source);
        var map = context.Mapping(root, "the policy");
        context.CheckKeys(map, PolicyKeys.Root, "the policy");
        if (Find(map, "version") is not { } versionNode)
        {
            throw new PolicyParseException(source, map.Line, map.Column, "missing 'version: 1' (the policy schema version)");
        }

        var versionText = context.Scalar(versionNode, "version");
        if (!int.TryParse(versionText.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != PolicyDocument.CurrentVersion)
        {
            throw context.Error(versionText, $"unsupported policy version '{versionText.Value}' (this drydock reads version {PolicyDocument.CurrentVersion})");
        }

        var policy = new PolicyDocument { Source = source, Version = version };
        foreach (var (key, value) in map.Entries)
        {
            policy = key.Value switch
            {
                "registries" => policy with { AllowedRegistries = context.Registries(value) },
                "base" => policy with { Base = context.Base(value) },
                "vulnerabilities" => policy with { Vulnerabilities = context.Vulnerabilities(value) },
                "malware" => policy with { Malware = context.Malware(value) },
                "secrets" => policy with { DenySecrets = context.Secrets(value) },
                "misconfigurations" => policy with { DeniedMisconfigurations = context.Misconfigurations(value) },
                "sandbox" => policy with { SandboxRequirement = context.Sandbox(value) },
                "maxAge" => policy with { MaxAge = context.Duration(value, "maxAge") },
                "exceptions" => policy with { Exceptions = context.Exceptions(value) },
                _ => policy,
            };
        }

        return policy;
    }

    private static YamlNode? Find(YamlMapping map, string key)
        => map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    /// <summary>The checks on one file, with its name for errors.</summary>
    private sealed class Context(string source)
    {
        public PolicyParseException Error(YamlNode node, string reason) => new(source, node.Line, node.Column, reason);

        public YamlMapping Mapping(YamlNode node, string what)
            => node as YamlMapping ?? throw Error(node, $"{what} must be a mapping of keys, not {node.Kind}");

        public YamlScalar Scalar(YamlNode node, string key)
            => node is YamlScalar { Null: false } scalar ? scalar : throw Error(node, $"'{key}' needs a value, not {node.Kind}");

        public IReadOnlyList<YamlScalar> List(YamlNode node, string key)
        {
            if (node is not YamlSequence sequence)
            {
                throw Error(node, $"'{key}' must be a list ([a, b] or '- a' lines), not {node.Kind}");
            }

            return [.. sequence.Items.Select(item => Scalar(item, key))];
        }

        public bool Bool(YamlNode node, string key)
        {
            var scalar = Scalar(node, key);
            return scalar is { Quoted: false, Value: "true" or "True" or "TRUE" } ? true
                : scalar is { Quoted: false, Value: "false" or "False" or "FALSE" } ? false
                : throw Error(scalar, $"'{key}' must be true or false, not '{scalar.Value}'");
        }

        public void CheckKeys(YamlMapping map, string section, string where)
        {
            var known = PolicyKeys.Sections[section];
            foreach (var (key, _) in map.Entries)
            {
                if (!known.Contains(key.Value))
                {
                    var near = known.FirstOrDefault(k => string.Equals(k, key.Value, StringComparison.OrdinalIgnoreCase))
                        ?? known.Where(k => Distance(k, key.Value) <= 2).MinBy(k => Distance(k, key.Value));
                    var hint = near is null ? $"known keys: {string.Join(", ", known)}" : $"did you mean '{near}'?";
                    throw Error(key, $"unknown key '{key.Value}' in {where} ({hint})");
                }
            }
        }

        private YamlMapping Section(YamlNode node, string name)
        {
            var map = Mapping(node, $"'{name}'");
            CheckKeys(map, name, $"'{name}'");
            return map;
        }

        private YamlNode Required(YamlMapping map, string section, string key)
            => Find(map, key) ?? throw Error(map, $"'{section}' needs '{key}'");

        private ImagePattern Pattern(YamlScalar scalar)
        {
            try
            {
                return ImagePattern.Parse(scalar.Value);
            }
            catch (FormatException e)
            {
                throw Error(scalar, e.Message);
            }
        }

        public IReadOnlyList<ImagePattern> Registries(YamlNode node)
        {
            var map = Section(node, "registries");
            var allow = List(Required(map, "registries", "allow"), "allow");
            return [.. allow.Select(Pattern)];
        }

        public BaseRequirement Base(YamlNode node)
        {
            var map = Section(node, "base");
            var require = Required(map, "base", "require");
            if (require is YamlScalar { Null: false } scalar)
            {
                return scalar.Value == "hardened"
                    ? new BaseRequirement(null)
                    : throw Error(scalar, $"'require' is 'hardened' (any catalog base) or a list of base names, not '{scalar.Value}'");
            }

            var names = List(require, "require");
            return names.Count == 0 ? throw Error(require, "'require' lists no base; write 'hardened' for any catalog base") : new BaseRequirement([.. names.Select(Pattern)]);
        }

        public VulnerabilityLimit Vulnerabilities(YamlNode node)
        {
            var map = Section(node, "vulnerabilities");
            var severity = Scalar(Required(map, "vulnerabilities", "maxSeverity"), "maxSeverity");
            if (!PolicyKeys.MaxSeverities.Contains(severity.Value))
            {
                throw Error(severity, $"unknown severity '{severity.Value}' (use {string.Join(", ", PolicyKeys.MaxSeverities)})");
            }

            return new VulnerabilityLimit(
                severity.Value,
                Find(map, "onlyFixable") is { } fixable && Bool(fixable, "onlyFixable"),
                Find(map, "onlyKev") is { } kev && Bool(kev, "onlyKev"));
        }

        public MalwareDenial Malware(YamlNode node)
        {
            var map = Section(node, "malware");
            var categories = List(Required(map, "malware", "deny"), "deny");
            foreach (var category in categories.Where(c => !ThreatCategory.All.Contains(c.Value)))
            {
                throw Error(category, $"unknown malware category '{category.Value}' (known: {string.Join(", ", ThreatCategory.All)})");
            }

            var confidence = Confidence.Low;
            if (Find(map, "minConfidence") is { } node2)
            {
                var scalar = Scalar(node2, "minConfidence");
                confidence = scalar.Value switch
                {
                    "low" => Confidence.Low,
                    "medium" => Confidence.Medium,
                    "high" => Confidence.High,
                    _ => throw Error(scalar, $"unknown confidence '{scalar.Value}' (use low, medium or high)"),
                };
            }

            return new MalwareDenial([.. categories.Select(c => c.Value).Distinct()], confidence);
        }

        public string Sandbox(YamlNode node)
        {
            var require = Scalar(Required(Section(node, "sandbox"), "sandbox", "require"), "require");
            return PolicyKeys.SandboxRequirements.Contains(require.Value)
                ? require.Value
                : throw Error(require, $"unknown sandbox requirement '{require.Value}' (use {string.Join(" or ", PolicyKeys.SandboxRequirements)})");
        }

        public bool Secrets(YamlNode node) => Bool(Required(Section(node, "secrets"), "secrets", "deny"), "deny");

        public IReadOnlyList<string> Misconfigurations(YamlNode node)
        {
            var ids = List(Required(Section(node, "misconfigurations"), "misconfigurations", "deny"), "deny");
            var known = ImageChecks.Default().Select(c => c.Id).ToList();
            foreach (var id in ids.Where(i => !known.Contains(i.Value)))
            {
                throw Error(id, $"unknown misconfiguration id '{id.Value}' (known: {string.Join(", ", known)})");
            }

            return [.. ids.Select(i => i.Value).Distinct()];
        }

        public TimeSpan Duration(YamlNode node, string key)
        {
            var scalar = Scalar(node, key);
            var match = DurationSyntax().Match(scalar.Value);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is 0 or > 100_000)
            {
                throw Error(scalar, $"'{key}' is a duration such as 90d, 12w or 36h, not '{scalar.Value}'");
            }

            return match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(count),
                "w" => TimeSpan.FromDays(7.0 * count),
                _ => TimeSpan.FromDays(count),
            };
        }

        public IReadOnlyList<PolicyExemption> Exceptions(YamlNode node)
        {
            if (node is not YamlSequence sequence)
            {
                throw Error(node, $"'exceptions' must be a list of entries ('- id: ...'), not {node.Kind}");
            }

            var result = new List<PolicyExemption>();
            foreach (var item in sequence.Items)
            {
                var map = Mapping(item, "an exception");
                CheckKeys(map, PolicyKeys.ExceptionEntry, "an exception");
                var id = Scalar(Required(map, "exceptions", "id"), "id");
                var expiresNode = Scalar(Required(map, "exceptions", "expires"), "expires");
                if (!DateOnly.TryParseExact(expiresNode.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
                {
                    throw Error(expiresNode, $"'expires' is a date written YYYY-MM-DD, not '{expiresNode.Value}'");
                }

                var reason = Scalar(Required(map, "exceptions", "reason"), "reason");
                if (string.IsNullOrWhiteSpace(reason.Value))
                {
                    throw Error(reason, "'reason' must say why the finding is accepted");
                }

                var image = Find(map, "image") is { } imageNode ? Pattern(Scalar(imageNode, "image")) : null;
                result.Add(new PolicyExemption(id.Value, image, expires, reason.Value.Trim(), map.Line));
            }

            return result;
        }
    }

    // Levenshtein distance, for "did you mean" on short keys.
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"^([0-9]{1,6})([dwh])$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationSyntax();
}
