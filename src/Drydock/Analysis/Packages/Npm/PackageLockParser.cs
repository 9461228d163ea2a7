using System.Text.Json;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>Reads package-lock.json / npm-shrinkwrap.json: the <c>packages</c> map of lockfile v2 and v3 (keys are
/// install paths), else the nested <c>dependencies</c> tree of v1.</summary>
internal static class PackageLockParser
{
    private const string NodeModules = "node_modules/";

    public static List<LockedPackage> Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray(), LanguageJson.DocumentOptions);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the lockfile is not a JSON object");
        }

        var found = new List<LockedPackage>();
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            ReadPackages(packages, found);
        }
        else if (root.TryGetProperty("dependencies", out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
        {
            ReadV1(dependencies, found);
        }

        return found;
    }

    private static void ReadPackages(JsonElement packages, List<LockedPackage> found)
    {
        // Workspace folders are named by the link entries that point at them (node_modules/NAME → functions/x).
        var linkNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in packages.EnumerateObject())
        {
            if (IsTrue(entry.Value, "link") && LanguageJson.GetString(entry.Value, "resolved") is { } target)
            {
                linkNames[target] = NameFromPath(entry.Name);
            }
        }

        foreach (var entry in packages.EnumerateObject())
        {
            var key = entry.Name;
            var value = entry.Value;
            if (key.Length == 0 || value.ValueKind != JsonValueKind.Object || IsTrue(value, "link"))
            {
                continue; // the application itself, or a symlink to a workspace folder recorded under its own key
            }

            var installed = key.StartsWith(NodeModules, StringComparison.Ordinal) || key.Contains("/" + NodeModules, StringComparison.Ordinal);
            if (!installed && !linkNames.ContainsKey(key))
            {
                continue; // a workspace folder no link points at (a broken link): nothing installs it
            }

            var version = LanguageJson.GetString(value, "version");
            var name = LanguageJson.GetString(value, "name") ?? (installed ? NameFromPath(key) : linkNames[key]);
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                continue;
            }

            found.Add(new LockedPackage(name, version, IsTrue(value, "dev"), LanguageJson.GetString(value, "integrity"),
                LanguageJson.GetString(value, "resolved"), LanguageJson.GetKeys(value, "dependencies")));
        }
    }

    private static void ReadV1(JsonElement dependencies, List<LockedPackage> found)
    {
        foreach (var entry in dependencies.EnumerateObject())
        {
            var value = entry.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var version = LanguageJson.GetString(value, "version");
            if (!string.IsNullOrEmpty(version) && !version.StartsWith("file:", StringComparison.Ordinal) && !version.StartsWith("link:", StringComparison.Ordinal))
            {
                found.Add(new LockedPackage(entry.Name, version, IsTrue(value, "dev"), LanguageJson.GetString(value, "integrity"),
                    LanguageJson.GetString(value, "resolved"), LanguageJson.GetKeys(value, "requires")));
            }

            if (value.TryGetProperty("dependencies", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                ReadV1(nested, found); // depth is bounded by the document's MaxDepth
            }
        }
    }

    // "a/node_modules/@s/b" → "@s/b"; "functions/func1" → "func1".
    private static string NameFromPath(string path)
    {
        var at = path.LastIndexOf(NodeModules, StringComparison.Ordinal);
        if (at >= 0)
        {
            return path[(at + NodeModules.Length)..];
        }

        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private static bool IsTrue(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
