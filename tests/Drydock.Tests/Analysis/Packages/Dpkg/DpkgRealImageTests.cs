using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Apk;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.LayerCache;
using Drydock.References;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Sources.OciLayout;
using Drydock.Sources.RootFs;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Dpkg;

/// <summary>The Debian test image (debootstrap minbase bookworm) against what dpkg-query itself reads from its database.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class DpkgRealImageTests(TestImages images)
{
    private static readonly AnalyzerCatalog Catalog = new([new DpkgStatusAnalyzer(), new DpkgInfoAnalyzer(), new DpkgCopyrightAnalyzer(), new ApkInstalledAnalyzer()]);

    private static async Task<List<LayerResult>> ScanAsync(string reference)
    {
        var scanner = new ImageScanner(new ImageOpener([new OciLayoutImageSource(), new RootFsImageSource()]), Catalog, new NoLayerResultStore());
        var result = await scanner.ScanAsync(ImageReference.Parse(reference), new ScanOptions(), null, CancellationToken.None);
        return [.. result.Layers.Select(l => l.Result)];
    }

    private async Task<List<string>> DpkgQueryAsync()
    {
        var admin = Path.Combine(images.RootFs("debian"), "var", "lib", "dpkg");
        var run = await ProcessRunner.RunAsync("dpkg-query",
            ["-W", "-f=${Package}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\t${db:Status-Status}\n", "--admindir=" + admin]);
        Assert.True(run.ExitCode == 0, run.Stderr);

        // dpkg-query -W also lists packages left as configuration files only; those have nothing on disk and are not reported.
        return [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t')).Where(f => f[5] != "config-files").Select(f => string.Join('\t', f[..5])).Order(StringComparer.Ordinal)];
    }

    private static List<string> Lines(IEnumerable<PackageRecord> packages)
        => [.. packages.Select(p => $"{p.Name}\t{p.Version}\t{p.SourceName}\t{p.SourceVersion ?? p.Version}\t{p.Arch}").Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("oci")]
    [InlineData("dir")]
    public async Task Debian_image_gives_exactly_what_dpkg_query_prints(string transport)
    {
        await images.EnsureAsync("debian");
        var reference = transport == "oci" ? $"oci:{images.OciLayout("debian")}:{TestImages.TagOf("debian")}" : $"dir:{images.RootFs("debian")}";
        var layers = await ScanAsync(reference);
        var expected = await DpkgQueryAsync();
        Assert.True(expected.Count > 50, $"dpkg-query listed only {expected.Count} packages");

        var packages = layers.SelectMany(l => l.Packages).Where(p => p.SourcePath == DpkgStatusAnalyzer.StatusPath).ToList();
        Assert.Equal(expected, Lines(packages));
        Assert.DoesNotContain(layers.SelectMany(l => l.Warnings), w => w.Code.StartsWith("dpkg", StringComparison.Ordinal));

        // Every package has its installed-file list (multi-arch "same" packages as name:arch) and every list a package.
        var evidence = layers.SelectMany(l => l.PackageEvidence).ToList();
        var lists = evidence.Where(e => e.Kind == PackageEvidence.Files && e.SourcePath.EndsWith(".list", StringComparison.Ordinal))
            .Select(e => e.Name.Split(':')[0]).ToHashSet();
        Assert.Equal(packages.Select(p => p.Name).ToHashSet(), lists);
        var bash = evidence.Single(e => e.SourcePath == "var/lib/dpkg/info/bash.list");
        Assert.Contains("bin/bash", bash.Values);
        Assert.DoesNotContain("bin", bash.Values);

        // Licences from the copyright files, e.g. bash (free-form, refers to common-licenses/GPL-3).
        var licenses = evidence.Where(e => e.Kind == PackageEvidence.Licenses).ToDictionary(e => e.Name, e => e.Values);
        Assert.Contains("GPL-3.0-only", licenses["bash"]);
        Assert.True(licenses.Count > 50, $"licences for only {licenses.Count} packages");
    }
}
