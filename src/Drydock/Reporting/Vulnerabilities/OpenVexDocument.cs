using System.Text.Json;
using Drydock.Inventory;

namespace Drydock.Reporting.Vulnerabilities;

/// <summary>An OpenVEX document: statements that a vulnerability does or does not affect products (purls).
/// <c>not_affected</c> and <c>fixed</c> suppress matching findings.</summary>
public sealed class OpenVexDocument
{
    /// <summary>One statement, flattened to one product.</summary>
    public sealed record Statement(string Vulnerability, IReadOnlyList<string> Aliases, string? Product, string Status, string? Justification);

    private readonly List<Statement> _statements;

    private OpenVexDocument(List<Statement> statements) => _statements = statements;

    /// <summary>The statements.</summary>
    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>Reads an OpenVEX JSON file.</summary>
    public static OpenVexDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DrydockInputException($"--vex {path}: no such file");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
            return Parse(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"--vex {path}: not valid JSON ({e.Message.Split('.')[0]})", e);
        }
    }

    /// <summary>Reads an OpenVEX document.</summary>
    public static OpenVexDocument Parse(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statements", out var statements) || statements.ValueKind != JsonValueKind.Array)
        {
            throw new DrydockInputException($"--vex {name}: not an OpenVEX document (no statements array)");
        }

        var list = new List<Statement>();
        foreach (var s in statements.EnumerateArray())
        {
            var (vulnerability, aliases) = Vulnerability(s);
            var status = Text(s, "status");
            if (vulnerability is null || status is null)
            {
                continue;
            }

            var products = Products(s).ToList();
            if (products.Count == 0)
            {
                list.Add(new Statement(vulnerability, aliases, null, status, Text(s, "justification")));
            }

            foreach (var product in products)
            {
                list.Add(new Statement(vulnerability, aliases, product, status, Text(s, "justification")));
            }
        }

        return new OpenVexDocument(list);
    }

    /// <summary>The suppressing statement (not_affected or fixed) for a finding, or null. A statement without
    /// products, or naming the image, applies to every package; a purl applies when type, namespace, name and
    /// version agree (qualifiers ignored, and a purl without version applies to every version).</summary>
    public Statement? Match(IEnumerable<string> ids, string packagePurl, string? imageName)
    {
        var idSet = ids.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var package = PackageUrlParser.TryParse(packagePurl);
        Statement? last = null;
        foreach (var s in _statements)
        {
            if (!idSet.Contains(s.Vulnerability) && !s.Aliases.Any(idSet.Contains))
            {
                continue;
            }

            if (s.Product is not null && s.Product != imageName && !SamePackage(PackageUrlParser.TryParse(s.Product), package))
            {
                continue;
            }

            last = s; // later statements override earlier ones
        }

        return last is { Status: "not_affected" or "fixed" } ? last : null;
    }

    private static bool SamePackage(ParsedPackageUrl? statement, ParsedPackageUrl? package)
        => statement is not null && package is not null && statement.Type == package.Type
            && string.Equals(statement.Namespace, package.Namespace, StringComparison.OrdinalIgnoreCase)
            && string.Equals(statement.Name, package.Name, StringComparison.OrdinalIgnoreCase)
            && (statement.Version is null || statement.Version == package.Version);

    private static (string? Id, IReadOnlyList<string> Aliases) Vulnerability(JsonElement statement)
    {
        if (!statement.TryGetProperty("vulnerability", out var v))
        {
            return (null, []);
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return (v.GetString(), []);
        }

        var aliases = v.TryGetProperty("aliases", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        return (Text(v, "name") ?? Text(v, "@id"), aliases);
    }

    private static IEnumerable<string> Products(JsonElement statement)
    {
        if (!statement.TryGetProperty("products", out var products) || products.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var p in products.EnumerateArray())
        {
            if (p.ValueKind == JsonValueKind.String)
            {
                yield return p.GetString()!;
            }
            else if (Text(p, "@id") is { } id)
            {
                yield return id;
                if (p.TryGetProperty("identifiers", out var identifiers) && Text(identifiers, "purl") is { } purl)
                {
                    yield return purl;
                }
            }
        }
    }

    private static string? Text(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
