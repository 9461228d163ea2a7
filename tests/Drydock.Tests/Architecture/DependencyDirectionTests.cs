using System.Text.RegularExpressions;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Architecture;

/// <summary>The library's stages reference downstream stages only (compare go-containerregistry's depcheck test).</summary>
public sealed partial class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["References"] = [],
        ["Versions"] = [],
        ["Advisories"] = [],
        ["Project"] = [],
        ["Layers"] = ["References"],
        ["Sources"] = ["References", "Layers"],
        ["Analysis"] = ["References", "Layers"],
        ["LayerCache"] = ["References", "Layers", "Analysis"],
        ["Merge"] = ["References", "Layers", "Analysis"],
        ["Inventory"] = ["References", "Layers", "Analysis", "Merge"],
        ["Detection"] = ["References", "Layers", "Sources", "Analysis", "Merge", "Inventory", "Versions", "Advisories"],
        ["Catalog"] = ["References", "Layers", "Sources", "Project"],
        ["Scanning"] = ["References", "Layers", "Sources", "Analysis", "LayerCache", "Merge", "Inventory"],
        ["Reporting"] = ["References", "Layers", "Sources", "Analysis", "LayerCache", "Merge", "Inventory", "Versions", "Advisories", "Detection", "Scanning", "Catalog", "Sandbox"],
        ["Policy"] = ["References", "Analysis", "Detection", "Reporting", "Catalog", "Sandbox"],
        ["Promotion"] = ["References", "Sources"],
        ["Assessment"] = ["References", "Layers", "Sources", "Analysis", "LayerCache", "Merge", "Inventory", "Versions", "Advisories", "Detection", "Scanning", "Reporting", "Project", "Catalog", "Sandbox"],
        ["Admission"] = ["References", "Sources", "Policy"],
        ["Sandbox"] = ["References", "Layers", "Sources", "Analysis", "Detection"],
        ["Population"] = [],
        ["Crawl"] = ["References", "Layers", "Sources", "Analysis", "LayerCache", "Merge", "Inventory", "Versions", "Advisories", "Detection", "Scanning", "Reporting", "Project", "Catalog", "Sandbox", "Assessment", "Population"],
    };

    /// <summary>Sub-folders that may reach further than their stage: distribution carries the database through a registry.</summary>
    private static readonly Dictionary<string, string[]> SubfolderAllowed = new()
    {
        ["Advisories/Distribution"] = ["References", "Sources"],
    };

    [Fact]
    public void Stages_reference_only_the_stages_before_them()
    {
        var library = Path.Combine(RepoPaths.Root, "src", "Drydock");
        var violations = new List<string>();
        var checkedFiles = 0;
        foreach (var stage in Allowed.Keys)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(library, stage), "*.cs", SearchOption.AllDirectories))
            {
                checkedFiles++;
                var text = File.ReadAllText(file);
                foreach (Match m in StageReference().Matches(text))
                {
                    var target = m.Groups[1].Value;
                    var relative = Path.GetRelativePath(library, file).Replace('\\', '/');
                    var extra = SubfolderAllowed.Where(kv => relative.StartsWith(kv.Key + "/", StringComparison.Ordinal)).SelectMany(kv => kv.Value);
                    if (target != stage && !Allowed[stage].Contains(target) && !extra.Contains(target))
                    {
                        violations.Add($"{Path.GetRelativePath(library, file)} ({stage}) uses Drydock.{target}");
                    }
                }
            }
        }

        Assert.True(checkedFiles > 50, "the library sources were not found");
        Assert.Empty(violations.Distinct());
    }

    [Fact]
    public void The_library_never_references_the_cli()
    {
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Drydock", "Drydock.csproj"));
        Assert.DoesNotContain("Drydock.Cli", project);
        Assert.DoesNotContain(typeof(Drydock.Scanning.ImageScanner).Assembly.GetReferencedAssemblies(), a => a.Name == "drydock");
    }

    [GeneratedRegex(@"\bDrydock\.(References|Versions|Advisories|Layers|Sources|Analysis|LayerCache|Merge|Inventory|Detection|Scanning|Reporting|Project|Catalog|Policy|Assessment|Admission|Promotion|Sandbox|Population|Crawl)\b")]
    private static partial Regex StageReference();
}
