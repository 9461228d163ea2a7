using System.Text.Json;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Php;

/// <summary>Composer packages installed into a project: <c>vendor/composer/installed.json</c>, Composer 1 (a JSON
/// array) and Composer 2 (<c>{"packages": [...]}</c>). <c>vendor/name</c> becomes Namespace and Name.</summary>
public sealed class ComposerInstalledAnalyzer : IAnalyzer
{
    public string Id => "composer-installed";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && (entry.Path.EndsWith("/vendor/composer/installed.json", StringComparison.Ordinal) || entry.Path == "vendor/composer/installed.json")
            ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        try
        {
            using var document = JsonDocument.Parse(input.Content.ToArray(), LanguageJson.DocumentOptions);
            var root = document.RootElement;
            var packages = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("packages", out var p) && p.ValueKind == JsonValueKind.Array ? p
                : default;
            if (packages.ValueKind != JsonValueKind.Array)
            {
                result.Warn(new Diagnostic("composer-invalid-installed-json", "installed.json holds neither a package array nor a packages member", path));
                return;
            }

            foreach (var package in packages.EnumerateArray())
            {
                Add(package, path, result);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            result.Warn(new Diagnostic("composer-invalid-installed-json", $"installed.json could not be read: {Npm.NpmPackageJsonAnalyzer.OneLine(e.Message)}", path));
        }
    }

    private static void Add(JsonElement package, string path, LayerResultBuilder result)
    {
        var fullName = LanguageJson.GetString(package, "name");
        var version = LanguageJson.GetString(package, "version");
        if (string.IsNullOrEmpty(fullName) || string.IsNullOrEmpty(version))
        {
            result.Warn(new Diagnostic("composer-missing-name-or-version", "installed.json entry without name or version; not recorded", path));
            return;
        }

        var slash = fullName.IndexOf('/');
        var licenses = new List<string>();
        if (package.TryGetProperty("license", out var license))
        {
            LanguageJson.ReadLicenses(license, licenses);
        }

        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (LanguageJson.GetString(package, "version_normalized") is { Length: > 0 } normalized)
        {
            metadata["version-normalized"] = normalized;
        }

        if (package.TryGetProperty("dist", out var dist) && LanguageJson.GetString(dist, "shasum") is { Length: > 0 } shasum)
        {
            metadata["dist-shasum"] = shasum;
        }

        result.AddPackage(new PackageRecord
        {
            Type = PackageTypes.Composer,
            Namespace = slash > 0 ? fullName[..slash] : null,
            Name = slash > 0 ? fullName[(slash + 1)..] : fullName,
            Version = version,
            Licenses = [.. licenses.Order(StringComparer.Ordinal)],
            SourcePath = path,
            Metadata = metadata,
            // Platform requirements (php, ext-*, lib-*) are not packages.
            DependsOn = [.. LanguageJson.GetKeys(package, "require").Where(d => d.Contains('/'))],
        });
    }
}
