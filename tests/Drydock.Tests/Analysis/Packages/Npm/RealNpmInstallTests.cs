using System.Text.Json;
using Drydock.Analysis;
using Drydock.Analysis.Packages.Npm;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.Packages.Npm;

/// <summary>A real <c>npm install</c> of a few small packages, scanned as a layer and compared with <c>npm ls --all</c>.
/// The install is cached under .testdata so reruns need no network.</summary>
public sealed class RealNpmInstallTests
{
    private static readonly string[] Packages = ["is-number@7.0.0", "left-pad@1.3.0", "ms@2.1.3", "debug@4.3.4", "@types/node@20.11.30"];

    [Fact]
    public async Task Installed_tree_matches_npm_ls()
    {
        var app = await InstallAsync();
        var expected = await NpmLsAsync(app);
        Assert.Contains("@types/node@20.11.30", expected);
        Assert.Contains("undici-types@5.26.5", expected); // a dependency of @types/node: the tree is really nested

        var tar = new TarBuilder();
        AddTree(tar, app, "srv/app");
        var layer = await Analyse.TarAsync(tar.Build(), new AnalyzerCatalog([new NpmPackageJsonAnalyzer(), new NpmLockfileAnalyzer()]));

        var installed = Names(layer.Packages.Where(p => !p.Metadata.ContainsKey("origin")));
        Assert.Equal(expected, installed);
        Assert.All(layer.Packages.Where(p => !p.Metadata.ContainsKey("origin")), p => Assert.StartsWith("srv/app/node_modules/", p.SourcePath));
        var types = layer.Packages.Single(p => p.Name == "node" && !p.Metadata.ContainsKey("origin"));
        Assert.Equal(("@types", "MIT"), (types.Namespace, types.Licenses.Single()));

        // The lockfile npm wrote beside node_modules names the same packages (the merge step prefers node_modules).
        var locked = Names(layer.Packages.Where(p => p.Metadata.GetValueOrDefault("origin") == "lockfile"));
        Assert.Equal(expected, locked);
        Assert.Empty(layer.Warnings);
    }

    private static SortedSet<string> Names(IEnumerable<Drydock.Analysis.Packages.PackageRecord> packages)
        => new(packages.Select(p => $"{(p.Namespace is null ? "" : p.Namespace + "/")}{p.Name}@{p.Version}"), StringComparer.Ordinal);

    private static async Task<string> InstallAsync()
    {
        var root = Path.Combine(RepoPaths.Root, ".testdata", "npm-real");
        var app = Path.Combine(root, "app-v1");
        if (File.Exists(Path.Combine(app, "installed.ok")))
        {
            return app;
        }

        var staging = app + ".staging-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        await File.WriteAllTextAsync(Path.Combine(staging, "package.json"), "{\"name\": \"drydock-npm-test\", \"version\": \"1.0.0\", \"private\": true}");
        var result = await ProcessRunner.RunAsync("npm",
            ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--cache", Path.Combine(root, "cache"), .. Packages],
            TimeSpan.FromMinutes(5), workingDirectory: staging);
        Assert.True(result.ExitCode == 0, $"npm install failed ({result.ExitCode}): {result.Stderr}");
        await File.WriteAllTextAsync(Path.Combine(staging, "installed.ok"), "");
        if (Directory.Exists(app))
        {
            Directory.Delete(app, recursive: true);
        }

        Directory.Move(staging, app);
        return app;
    }

    // `npm ls --all --json` flattened: every name@version in the tree (a package deduplicated by npm appears once).
    private static async Task<SortedSet<string>> NpmLsAsync(string app)
    {
        var result = await ProcessRunner.RunAsync("npm", ["ls", "--all", "--json"], TimeSpan.FromMinutes(1), workingDirectory: app);
        Assert.True(result.ExitCode == 0, $"npm ls failed ({result.ExitCode}): {result.Stderr}");
        using var doc = JsonDocument.Parse(result.Stdout);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        Walk(doc.RootElement, set);
        return set;

        static void Walk(JsonElement node, SortedSet<string> into)
        {
            if (!node.TryGetProperty("dependencies", out var dependencies))
            {
                return;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                into.Add($"{dependency.Name}@{dependency.Value.GetProperty("version").GetString()}");
                Walk(dependency.Value, into);
            }
        }
    }

    private static void AddTree(TarBuilder tar, string folder, string imagePath)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var path = imagePath + "/" + entry.Name;
            if (entry.LinkTarget is { } target)
            {
                tar.Symlink(path, target);
            }
            else if (entry is DirectoryInfo directory)
            {
                tar.Directory(path);
                AddTree(tar, directory.FullName, path);
            }
            else
            {
                tar.File(path, File.ReadAllBytes(entry.FullName));
            }
        }
    }
}
