using System.Text.Json.Nodes;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Reporting;

namespace Drydock.Tests.Cli;

[Collection(TestImagesCollection.Name)]
public sealed class InventoryCommandTests(TestImages images)
{
    [Fact]
    public async Task A_package_uninstalled_by_a_later_layer_is_reported_as_removed_with_both_layers()
    {
        await images.EnsureAsync("removed");
        var run = await CliRunner.InProcessAsync("scan", $"oci:{images.OciLayout("removed")}:v1", "--format", "json", "--no-cache", "-q");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var report = run.Report;
        var layers = report.Artifact.Layers.Select(l => l.DiffId).ToList();

        Assert.Equal(["base-files", "zlib1g"], report.Packages.Select(p => p.Name));
        Assert.All(report.Packages, p => Assert.Equal(layers[0], p.Layer));
        var removed = Assert.Single(report.RemovedPackages);
        Assert.Equal(("netcat-traditional", "1.10-47", layers[0], layers[1]), (removed.Name, removed.Version, removed.AddedIn, removed.RemovedIn));
        Assert.Contains(report.Census.Deleted, d => d.Path == "/usr/bin/nc.traditional");
        Assert.Equal("pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12&epoch=1", report.Packages[1].Purl);

        var table = await CliRunner.InProcessAsync("scan", $"oci:{images.OciLayout("removed")}:v1", "--no-cache", "-q");
        Assert.Contains("Packages removed by a later layer", table.Stdout);
        Assert.Contains("netcat-traditional", table.Stdout);
    }

    [Fact]
    public async Task Debian_image_sbom_is_valid_cyclonedx_and_reads_back_through_sbom_input()
    {
        await images.EnsureAsync("debian");
        var dir = RepoPaths.Scratch("sbom");
        var cdx = Path.Combine(dir, "debian.cdx.json");
        var sbom = await CliRunner.InProcessAsync("sbom", $"oci:{images.OciLayout("debian")}:bookworm", "-o", cdx, "--no-cache", "-q");
        Assert.True(sbom.ExitCode == 0, sbom.Stderr);
        var json = await File.ReadAllTextAsync(cdx);
        await SbomWriterTests.AssertValidCycloneDxAsync(json);

        var components = JsonNode.Parse(json)!["components"]!.AsArray();
        Assert.Contains(components, c => c!["type"]!.GetValue<string>() == "operating-system" && c["name"]!.GetValue<string>() == "debian");
        var libraries = components.Where(c => c!["type"]!.GetValue<string>() == "library").ToList();
        Assert.True(libraries.Count > 80, $"only {libraries.Count} packages");
        Assert.Contains(libraries, c => c!["name"]!.GetValue<string>() == "bash" && c["purl"]!.GetValue<string>().StartsWith("pkg:deb/debian/bash@", StringComparison.Ordinal));
        var bashFiles = libraries.Single(c => c!["name"]!.GetValue<string>() == "bash")!["components"]!.AsArray();
        var bashBinary = bashFiles.Single(f => f!["name"]!.GetValue<string>() == "/bin/bash")!;
        Assert.Equal("MD5", bashBinary["hashes"]![0]!["alg"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(await File.ReadAllBytesAsync(Path.Combine(images.RootFs("debian"), "bin", "bash")))),
            bashBinary["hashes"]![0]!["content"]!.GetValue<string>());

        var back = await CliRunner.InProcessAsync("scan", $"sbom:{cdx}", "--format", "json");
        Assert.True(back.ExitCode == 0, back.Stderr);
        Assert.Equal(libraries.Count, back.Report.Packages.Count);
        Assert.Equal("debian", back.Report.Artifact.Os!.Family);

        var spdx = Path.Combine(dir, "debian.spdx.json");
        Assert.Equal(0, (await CliRunner.InProcessAsync("sbom", $"oci:{images.OciLayout("debian")}:bookworm", "--format", "spdx-json", "-o", spdx, "--no-cache", "-q")).ExitCode);
        var fromSpdx = await CliRunner.InProcessAsync("scan", $"sbom:{spdx}", "--format", "json");
        Assert.Equal(back.Report.Packages.Select(p => p.Purl).Order(), fromSpdx.Report.Packages.Select(p => p.Purl).Order());
        Spdx23Rules.AssertConforms(JsonNode.Parse(await File.ReadAllTextAsync(spdx))!);
        var smallSpdx = Path.Combine(dir, "debian-small.spdx.json");
        Assert.Equal(0, (await CliRunner.InProcessAsync("sbom", $"oci:{images.OciLayout("debian")}:bookworm", "--format", "spdx-json", "-o", smallSpdx, "--no-cache", "-q", "--no-package-files")).ExitCode);
        Spdx23Rules.AssertConforms(JsonNode.Parse(await File.ReadAllTextAsync(smallSpdx))!);

        // --no-package-files: the same packages, no files.
        var small = Path.Combine(dir, "debian-small.cdx.json");
        Assert.Equal(0, (await CliRunner.InProcessAsync("sbom", $"oci:{images.OciLayout("debian")}:bookworm", "-o", small, "--no-cache", "-q", "--no-package-files")).ExitCode);
        var smallJson = await File.ReadAllTextAsync(small);
        await SbomWriterTests.AssertValidCycloneDxAsync(smallJson);
        Assert.DoesNotContain("\"type\": \"file\"", smallJson, StringComparison.Ordinal);
        Assert.True(smallJson.Length * 3 < json.Length, $"{smallJson.Length} bytes without files, {json.Length} with");
        var fromSmall = await CliRunner.InProcessAsync("scan", $"sbom:{small}", "--format", "json");
        Assert.Equal(back.Report.Packages.Select(p => p.Purl).Order(), fromSmall.Report.Packages.Select(p => p.Purl).Order());
    }

    [Theory]
    [InlineData("sbom:/nonexistent.json")]
    public async Task Bad_sbom_input_is_exit_two(string image)
    {
        var run = await CliRunner.InProcessAsync("scan", image);
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Garbage_sbom_is_exit_two()
    {
        var file = Path.Combine(RepoPaths.Scratch("bad-sbom"), "x.json");
        await File.WriteAllTextAsync(file, new string('[', 100_000));
        var run = await CliRunner.InProcessAsync("scan", $"sbom:{file}");
        Assert.Equal(2, run.ExitCode);
    }
}
