using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Packages.DotNet;
using Drydock.Analysis.Packages.Npm;
using Drydock.Analysis.Packages.Php;
using Drydock.Tests.Support;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.Npm;

/// <summary>Bad and hostile manifests: each becomes a warning and the scan goes on.</summary>
public sealed class NpmHostileInputTests
{
    private const string Good = "{\"name\": \"ok\", \"version\": \"1.0.0\"}";

    private static AnalyzerCatalog Catalog() => new([new NpmPackageJsonAnalyzer(), new NpmLockfileAnalyzer()]);

    private static byte[] NestingBomb(string prefix, string suffix)
        => Encoding.UTF8.GetBytes(prefix + new string('[', 10_000) + new string(']', 10_000) + suffix);

    [Fact]
    public async Task Json_nesting_bomb_is_refused_with_a_warning_in_every_json_analyzer()
    {
        var bomb = NestingBomb("{\"name\": \"bomb\", \"version\": \"1.0.0\", \"x\": ", "}");
        var layer = await Analyse.TarAsync(new TarBuilder()
            .File("app/node_modules/bomb/package.json", bomb)
            .File("app/package-lock.json", NestingBomb("{\"packages\": ", "}"))
            .File("app/node_modules/ok/package.json", Good)
            .Build(), Catalog());
        Assert.Equal("ok", Assert.Single(layer.Packages).Name);
        Assert.Equal(["npm-invalid-lockfile", "npm-invalid-package-json"], layer.Warnings.Select(w => w.Code).Order());

        Assert.Equal("dotnet-invalid-deps-json", Assert.Single(Run(new DepsJsonAnalyzer(), "app/a.deps.json", NestingBomb("{\"libraries\": ", "}")).Warnings).Code);
        Assert.Equal("composer-invalid-installed-json", Assert.Single(Run(new ComposerInstalledAnalyzer(), "vendor/composer/installed.json", NestingBomb("", "")).Warnings).Code);
    }

    [Fact]
    public async Task A_100_MB_package_json_is_skipped_by_the_runner_and_the_layer_goes_on()
    {
        var huge = new byte[100 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');
        Encoding.UTF8.GetBytes("{\"name\": \"huge\", \"version\": \"1.0.0\"}").CopyTo(huge, 0);
        var layer = await Analyse.TarAsync(new TarBuilder()
            .File("app/node_modules/huge/package.json", huge)
            .File("app/node_modules/ok/package.json", Good)
            .Build(), Catalog());
        Assert.Equal("ok", Assert.Single(layer.Packages).Name);
        var warning = Assert.Single(layer.Warnings);
        Assert.Equal(("file-too-large", "app/node_modules/huge/package.json"), (warning.Code, warning.Path));
        Assert.Equal(1, layer.SkippedLargeFiles);
    }

    [Fact]
    public void A_20_MB_package_json_is_read_without_materialising_what_it_skips()
    {
        // 20 MB in members nobody reads: a long description and a large files array.
        var builder = new StringBuilder("{\"name\": \"@big/pkg\", \"description\": \"");
        builder.Append('x', 10 * 1024 * 1024).Append("\", \"files\": [");
        for (var i = 0; i < 500_000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("\"lib/file-").Append(i).Append(".js\"");
        }

        builder.Append("], \"version\": \"2.0.0\", \"license\": \"MIT\"}");
        var bytes = Encoding.UTF8.GetBytes(builder.ToString());
        Assert.True(bytes.Length > 20 * 1000 * 1000);

        Run(new NpmPackageJsonAnalyzer(), "node_modules/@big/pkg/package.json", Encoding.UTF8.GetBytes(Good)); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Run(new NpmPackageJsonAnalyzer(), "node_modules/@big/pkg/package.json", bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var record = Assert.Single(result.Packages);
        Assert.Equal(("@big", "pkg", "2.0.0"), (record.Namespace, record.Name, record.Version));
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes for a 20 MB manifest");
    }

    [Fact]
    public void Invalid_utf8_is_a_warning()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\": \"bad\", \"version\": \"1.0.0\"}");
        bytes[10] = 0xFF; // inside "bad"
        var result = Run(new NpmPackageJsonAnalyzer(), "node_modules/bad/package.json", bytes);
        Assert.Empty(result.Packages);
        Assert.Equal("npm-invalid-package-json", Assert.Single(result.Warnings).Code);

        var yarn = Encoding.UTF8.GetBytes("ms@^2:\n  version \"2.1.3\"\n");
        yarn[1] = 0xC3;
        Assert.Equal("npm-invalid-lockfile", Assert.Single(Run(new NpmLockfileAnalyzer(), "app/yarn.lock", yarn).Warnings).Code);
    }

    [Theory]
    [InlineData("{\"version\": \"1.0.0\"}")]
    [InlineData("{\"name\": \"x\"}")]
    [InlineData("{\"name\": \"\", \"version\": \"\"}")]
    [InlineData("{\"name\": 5, \"version\": [1]}")]
    public void Missing_name_or_version_is_a_warning(string json)
    {
        var result = Run(new NpmPackageJsonAnalyzer(), "node_modules/x/package.json", Encoding.UTF8.GetBytes(json));
        Assert.Empty(result.Packages);
        Assert.Equal("npm-missing-name-or-version", Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"version\": \"1\"} trailing")]
    [InlineData("[1, 2]")]
    [InlineData("")]
    [InlineData("{\"name\": \"x\", \"version\": \"1\"")]
    public void Broken_json_is_a_warning(string json)
    {
        var result = Run(new NpmPackageJsonAnalyzer(), "node_modules/x/package.json", Encoding.UTF8.GetBytes(json));
        Assert.Empty(result.Packages);
        Assert.Equal("npm-invalid-package-json", Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData("node_modules/a/package.json", true)]
    [InlineData("usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json", true)]
    [InlineData("app/node_modules/a/node_modules/b/package.json", true)]
    [InlineData("app/package.json", false)]
    [InlineData("app/node_modules/a/lib/package.json", false)]
    [InlineData("app/node_modules/.bin/package.json", false)]
    [InlineData("app/node_modules/@scope/package.json", false)]
    [InlineData("app/node_modules/a/package.json.bak", false)]
    public void Only_installed_manifests_are_required(string path, bool wanted)
    {
        var entry = new Drydock.Layers.EntryInfo(path, Drydock.Layers.EntryKind.File, 10, 0, 0, 0, null, 0);
        Assert.Equal(wanted ? AnalyzerNeed.Content : AnalyzerNeed.None, new NpmPackageJsonAnalyzer().Required(entry));
    }

    [Theory]
    [InlineData("app/package-lock.json", true)]
    [InlineData("yarn.lock", true)]
    [InlineData("srv/pnpm-lock.yaml", true)]
    [InlineData("app/node_modules/a/package-lock.json", false)]
    [InlineData("app/node_modules/.package-lock.json", false)]
    public void Only_application_lockfiles_are_required(string path, bool wanted)
    {
        var entry = new Drydock.Layers.EntryInfo(path, Drydock.Layers.EntryKind.File, 10, 0, 0, 0, null, 0);
        Assert.Equal(wanted ? AnalyzerNeed.Content : AnalyzerNeed.None, new NpmLockfileAnalyzer().Required(entry));
    }
}
