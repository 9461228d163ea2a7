using System.Text.Json;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.DotNet;

/// <summary>NuGet packages a .NET application ships, from its <c>*.deps.json</c>: libraries of type <c>package</c> and
/// <c>runtimepack</c> (a self-contained app's bundled runtime). <c>project</c> libraries are the application and its
/// own projects, not dependencies. Files under a NuGet package cache (<c>.nuget/packages</c>) are not applications.</summary>
public sealed class DepsJsonAnalyzer : IAnalyzer
{
    private const string RuntimePackPrefix = "runtimepack.";

    public string Id => "dotnet-deps-json";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Path.EndsWith(".deps.json", StringComparison.Ordinal)
            && !entry.Path.Contains(".nuget/packages/", StringComparison.Ordinal) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        try
        {
            using var document = JsonDocument.Parse(input.Content.ToArray(), LanguageJson.DocumentOptions);
            Read(document.RootElement, path, result);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            result.Warn(new Diagnostic("dotnet-invalid-deps-json", $"deps.json could not be read: {Npm.NpmPackageJsonAnalyzer.OneLine(e.Message)}", path));
        }
    }

    private static void Read(JsonElement root, string path, LayerResultBuilder result)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("libraries", out var libraries) || libraries.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var target = default(JsonElement);
        if (LanguageJson.GetString(root.TryGetProperty("runtimeTarget", out var rt) ? rt : default, "name") is { } targetName
            && root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Object
            && targets.TryGetProperty(targetName, out var t) && t.ValueKind == JsonValueKind.Object)
        {
            target = t;
        }

        foreach (var library in libraries.EnumerateObject())
        {
            var type = LanguageJson.GetString(library.Value, "type");
            if (type is not ("package" or "runtimepack"))
            {
                continue;
            }

            var slash = library.Name.IndexOf('/');
            if (slash <= 0 || slash == library.Name.Length - 1)
            {
                result.Warn(new Diagnostic("dotnet-invalid-library", "deps.json library key is not NAME/VERSION", path));
                continue;
            }

            var entry = default(JsonElement);
            var hasTarget = target.ValueKind == JsonValueKind.Object && target.TryGetProperty(library.Name, out entry) && entry.ValueKind == JsonValueKind.Object;
            if (hasTarget && type == "package" && !HasAssets(entry))
            {
                continue; // referenced at build time only: nothing of it is deployed beside the application
            }

            var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["library-type"] = type };
            if (LanguageJson.GetString(library.Value, "sha512") is { Length: > 0 } sha512)
            {
                metadata["sha512"] = sha512;
            }

            // The SDK names bundled runtimes "runtimepack.<package id>"; the NuGet package is the id.
            var name = library.Name[..slash];
            if (type == "runtimepack" && name.StartsWith(RuntimePackPrefix, StringComparison.Ordinal) && name.Length > RuntimePackPrefix.Length)
            {
                name = name[RuntimePackPrefix.Length..];
            }

            result.AddPackage(new PackageRecord
            {
                Type = PackageTypes.NuGet,
                Name = name,
                Version = library.Name[(slash + 1)..],
                SourcePath = path,
                Metadata = metadata,
                DependsOn = hasTarget
                    ? [.. LanguageJson.GetKeys(entry, "dependencies").Select(d => d.StartsWith(RuntimePackPrefix, StringComparison.Ordinal) ? d[RuntimePackPrefix.Length..] : d).Order(StringComparer.Ordinal)]
                    : [],
            });
        }
    }

    private static bool HasAssets(JsonElement targetEntry)
        => targetEntry.TryGetProperty("runtime", out _) || targetEntry.TryGetProperty("native", out _)
            || targetEntry.TryGetProperty("runtimeTargets", out _) || targetEntry.TryGetProperty("resources", out _);
}
