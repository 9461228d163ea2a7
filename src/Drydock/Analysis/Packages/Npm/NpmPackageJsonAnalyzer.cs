using System.Text.Json;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>Installed npm packages: every <c>node_modules/[@scope/]NAME/package.json</c> (nested, global, bundled).
/// The application's own package.json is not a dependency and is not recorded; its lockfile is (see
/// <see cref="NpmLockfileAnalyzer"/>). The install hooks (<c>preinstall</c>, <c>install</c>, <c>postinstall</c>) are kept in
/// the package's metadata as <c>script:HOOK</c>, for the malware detectors to judge after the merge.</summary>
public sealed class NpmPackageJsonAnalyzer : IAnalyzer
{
    /// <summary>The metadata key prefix of an install hook: <c>script:postinstall</c>.</summary>
    public const string ScriptMetadataPrefix = "script:";

    public string Id => "npm-package-json";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && NpmPaths.IsInstalledManifest(entry.Path) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        NpmManifest manifest;
        try
        {
            manifest = NpmManifest.Parse(input.Content);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            result.Warn(new Diagnostic("npm-invalid-package-json", $"package.json is not valid JSON: {OneLine(e.Message)}", path));
            return;
        }

        if (string.IsNullOrEmpty(manifest.Name) || string.IsNullOrEmpty(manifest.Version))
        {
            result.Warn(new Diagnostic("npm-missing-name-or-version", "package.json in node_modules has no name or no version; not recorded", path));
            return;
        }

        if (!NpmPaths.IsValidName(manifest.Name))
        {
            result.Warn(new Diagnostic("npm-invalid-name", "package.json names a package npm could not have installed; not recorded", path));
            return;
        }

        var (scope, name) = NpmPaths.SplitScope(manifest.Name);
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (manifest.Integrity is { Length: > 0 } integrity)
        {
            metadata["integrity"] = integrity;
        }

        if (manifest.Resolved is { Length: > 0 } resolved)
        {
            metadata["resolved"] = resolved;
        }

        foreach (var (hook, script) in manifest.InstallScripts)
        {
            metadata[ScriptMetadataPrefix + hook] = script;
        }

        result.AddPackage(new PackageRecord
        {
            Type = PackageTypes.Npm,
            Namespace = scope,
            Name = name,
            Version = manifest.Version,
            Licenses = Sorted(manifest.Licenses),
            Supplier = manifest.Author,
            SourcePath = path,
            Metadata = metadata,
            DependsOn = manifest.Dependencies,
        });
    }

    // The manifest's own list, sorted in place (equal strings are interchangeable, so an unstable sort is fine).
    private static List<string> Sorted(List<string> licenses)
    {
        licenses.Sort(StringComparer.Ordinal);
        return licenses;
    }

    internal static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > 200 ? line[..200] : line;
    }
}
