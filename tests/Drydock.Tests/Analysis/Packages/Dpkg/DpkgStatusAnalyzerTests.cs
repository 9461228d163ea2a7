using System.Text;
using System.Text.Json;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.Layers;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Dpkg;

public sealed class DpkgStatusAnalyzerTests
{
    private static readonly DpkgStatusAnalyzer Analyzer = new();

    public static TheoryData<string> TrivyCases()
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SharedTestData is null)
        {
            data.Add("absent");
            return data;
        }

        foreach (var c in AnalyzerRun.Cases(SharedData.Path("package-fixtures", "trivy", "dpkg", "expected.json")))
        {
            data.Add(c.Str("name")!);
        }

        return data;
    }

    private static string JoinVersion(JsonElement p, string prefix)
    {
        var epoch = p.TryGetProperty(prefix + "Epoch", out var e) ? e.GetInt32() + ":" : "";
        var release = p.Str(prefix + "Release") is { } r ? "-" + r : "";
        return epoch + p.Str(prefix + "Version") + release;
    }

    [SharedDataTheory]
    [MemberData(nameof(TrivyCases))]
    public void Trivy_dpkg_fixtures_give_the_expected_packages(string name)
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "trivy", "dpkg", "expected.json")).Single(x => x.Str("name") == name);
        var dir = SharedData.Path("package-fixtures", "trivy", "dpkg", c.Str("__txtar_unpacked_to__")!);
        var statusFile = Path.Combine(dir, "var", "lib", "dpkg", "status");
        var status = File.ReadAllText(statusFile);
        var result = AnalyzerRun.File(Analyzer, DpkgStatusAnalyzer.StatusPath, statusFile);
        var expected = c.GetProperty("want").GetProperty("PackageInfos")[0].GetProperty("Packages").EnumerateArray().ToList();

        Assert.Equal(expected.Select(p => p.Str("Name")).Order(StringComparer.Ordinal), result.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        var installed = result.Packages.Select(p => p.Name).ToHashSet();
        foreach (var want in expected)
        {
            var got = result.Packages.Single(p => p.Name == want.Str("Name"));
            Assert.Equal(want.Str("ID")![(want.Str("Name")!.Length + 1)..], got.Version);
            Assert.Equal(JoinVersion(want, ""), got.Version);
            Assert.Equal(want.Str("SrcName"), got.SourceName);
            Assert.Equal(JoinVersion(want, "Src"), got.SourceVersion ?? got.Version);
            Assert.Equal(want.Str("Arch"), got.Arch);
            Assert.Equal(want.Str("Maintainer"), got.Supplier);
            Assert.Equal(PackageTypes.Deb, got.Type);

            // Trivy keeps Depends entries that name a package of the same file; we keep every declared name of
            // Depends and Pre-Depends (resolution belongs to the merged image), so compare on installed names, and
            // anything extra must come from Pre-Depends, which Trivy does not read.
            var trivy = want.Strings("DependsOn").Select(d => d[..d.IndexOf('@')]).ToHashSet();
            var ours = got.DependsOn.Where(installed.Contains).ToHashSet();
            Assert.Subset(ours, trivy);
            var paragraph = Paragraph(status, got.Name);
            foreach (var extra in ours.Except(trivy))
            {
                var preDepends = paragraph.Split('\n').Single(l => l.StartsWith("Pre-Depends:", StringComparison.Ordinal));
                Assert.Contains(extra, preDepends, StringComparison.Ordinal);
            }
        }

        // The deliberately broken paragraphs of the "corrupsed" fixture (no Version; version "1:5.#") become warnings.
        Assert.Equal(name == "corrupsed" ? ["dpkg-invalid-value", "dpkg-missing-field"] : [], result.Warnings.Select(w => w.Code));
    }

    private static string Paragraph(string status, string package)
    {
        var start = status.IndexOf($"Package: {package}\n", StringComparison.Ordinal);
        var end = status.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? status[start..] : status[start..end];
    }

    [SharedDataFact]
    public void Trivy_md5sums_fixture_gives_the_installed_files()
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "trivy", "dpkg", "expected.json")).Single(x => x.Str("name") == "md5sums");
        var want = c.GetProperty("want").GetProperty("PackageInfos")[0].GetProperty("Packages")[0].Strings("InstalledFiles");
        var result = AnalyzerRun.File(new DpkgInfoAnalyzer(), "var/lib/dpkg/info/tar.md5sums", SharedData.Path("package-fixtures", "trivy", "dpkg", "md5sums", "var", "lib", "dpkg", "info", "tar.md5sums"));
        var evidence = Assert.Single(result.PackageEvidence, e => e.Kind == PackageEvidence.Files);
        Assert.Equal("tar", evidence.Name);
        Assert.Equal(want.Select(f => f.TrimStart('/')).Order(StringComparer.Ordinal), evidence.Values);

        // The same file gives every listed file its MD5 (for the SBOMs).
        var digests = Assert.Single(result.PackageEvidence, e => e.Kind == PackageEvidence.FileDigests);
        Assert.Equal(evidence.Values, digests.Values.Select(v => FileDigest.TryParseEntry(v, out var path, out _) ? path : v).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> SyftCases()
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SharedTestData is null)
        {
            data.Add("absent");
            return data;
        }

        foreach (var c in AnalyzerRun.Cases(SharedData.Path("package-fixtures", "syft", "debian-dpkg-status", "expected.json")))
        {
            if (c.Str("__fixture__")!.StartsWith("var/lib/dpkg/", StringComparison.Ordinal))
            {
                data.Add(c.Str("name")!);
            }
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(SyftCases))]
    public void Syft_status_d_fixtures_give_the_expected_packages(string name)
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "syft", "debian-dpkg-status", "expected.json")).Single(x => x.Str("name") == name);
        var fixture = c.Str("__fixture__")!;
        var result = AnalyzerRun.File(Analyzer, fixture, SharedData.Path("package-fixtures", "syft", "debian-dpkg-status", fixture));

        // Syft reports a paragraph without Version ("no-version"); it cannot be matched against advisories, so we
        // skip it with a warning instead.
        var expected = c.GetProperty("expected").EnumerateArray().Where(p => p.Str("Version") is not null).ToList();
        Assert.Equal(expected.Select(p => p.Str("Package")), result.Packages.Select(p => p.Name));
        foreach (var want in expected)
        {
            var got = result.Packages.Single(p => p.Name == want.Str("Package"));
            Assert.Equal(want.Str("Version"), got.Version);
            Assert.Equal(want.Str("Source") ?? want.Str("Package"), got.SourceName);
            Assert.Equal(want.Str("Architecture"), got.Arch);
            Assert.Equal(want.Str("Maintainer"), got.Supplier);
            // Installed-Size is kept as written; Syft turns the "4KB" of one fixture into 4000.
            Assert.Equal(want.GetProperty("InstalledSize").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), got.Metadata["installed-size"].Replace("KB", "000", StringComparison.Ordinal));
            var depends = new SortedSet<string>(StringComparer.Ordinal);
            DebianRelations.AddNames(string.Join(", ", want.Strings("Depends").Concat(want.Strings("PreDepends"))), depends);
            Assert.Equal(depends, got.DependsOn);
            var files = want.GetProperty("Files").EnumerateArray().Select(f => f.Str("Path")!.TrimStart('/')).Order(StringComparer.Ordinal);
            Assert.Equal(files, got.InstalledFiles);
        }

        Assert.Equal(c.GetProperty("expected").GetArrayLength() != expected.Count, result.Warnings.Any(w => w.Code == "dpkg-missing-field"));
    }

    private static PackageRecord[] Parse(string text, out LayerResult result)
    {
        result = AnalyzerRun.Bytes(Analyzer, DpkgStatusAnalyzer.StatusPath, Encoding.UTF8.GetBytes(text));
        return [.. result.Packages];
    }

    private const string Good = "Package: good\nStatus: install ok installed\nVersion: 1:2.0-1\nArchitecture: amd64\n";

    [Fact]
    public void Source_with_version_epoch_and_multi_arch_qualifiers()
    {
        var packages = Parse("Package: libfoo1\nStatus: install ok installed\nMulti-Arch: same\nArchitecture: arm64\nSource: foo (1:2.3-4)\n"
            + "Version: 1:2.3-4+b1\nMaintainer: A <a@example.org>\nDepends: libc6:any (>= 2.34), zlib1g | libz, libfoo-common (= ${binary:Version})\n"
            + "Pre-Depends: dpkg (>= 1.19)\nProvides: libfoo\n", out var result);
        var p = Assert.Single(packages);
        Assert.Equal(("libfoo1", "1:2.3-4+b1", "arm64", "foo", "1:2.3-4", "A <a@example.org>"), (p.Name, p.Version, p.Arch, p.SourceName, p.SourceVersion, p.Supplier));
        Assert.Equal(["dpkg", "libc6", "libfoo-common", "libz", "zlib1g"], p.DependsOn);
        Assert.Equal("same", p.Metadata["multi-arch"]);
        Assert.Equal("libfoo", p.Metadata["provides"]);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("install ok installed", true)]
    [InlineData("install reinstreq half-installed", true)]
    [InlineData("install ok unpacked", true)]
    [InlineData("install ok half-configured", true)]
    [InlineData("install ok triggers-pending", true)]
    [InlineData("deinstall ok installed", true)]
    [InlineData("deinstall ok config-files", false)]
    [InlineData("purge ok not-installed", false)]
    public void Packages_with_files_on_disk_are_reported_whatever_is_wanted(string status, bool reported)
    {
        var packages = Parse($"Package: a\nStatus: {status}\nVersion: 1\n", out var result);
        Assert.Equal(reported, packages.Length == 1);
        if (reported && status != "install ok installed")
        {
            Assert.Equal(status, packages[0].Metadata["status"]);
        }

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Crlf_and_no_final_newline()
    {
        var packages = Parse("Package: a\r\nStatus: install ok installed\r\nVersion: 1.0\r\nDescription: x\r\n more\r\n\r\nPackage: b\r\nVersion: 2.0", out var result);
        Assert.Equal([("a", "1.0"), ("b", "2.0")], packages.Select(p => (p.Name, p.Version)));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Missing_package_or_version_is_a_warning_and_the_good_paragraphs_stay()
    {
        var packages = Parse("Package: noversion\nStatus: install ok installed\n\nVersion: 1\nStatus: install ok installed\n\n" + Good, out var result);
        Assert.Equal(["good"], packages.Select(p => p.Name));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("dpkg-missing-field", warning.Code);
        Assert.Contains("2 times", warning.Message, StringComparison.Ordinal);
        Assert.Equal(DpkgStatusAnalyzer.StatusPath, warning.Path);
    }

    [Fact]
    public void Binary_garbage_is_one_warning_and_the_good_paragraphs_stay()
    {
        var garbage = new byte[200_000];
        new Random(7).NextBytes(garbage);
        var content = Encoding.UTF8.GetBytes(Good + "\n").Concat(garbage).Concat(Encoding.UTF8.GetBytes("\n\n" + Good.Replace("good", "good2", StringComparison.Ordinal))).ToArray();
        var result = AnalyzerRun.Bytes(Analyzer, DpkgStatusAnalyzer.StatusPath, content);
        Assert.Equal(["good", "good2"], result.Packages.Select(p => p.Name));
        Assert.Contains(result.Warnings, w => w.Code == "dpkg-malformed-line");
        Assert.True(result.Warnings.Count <= 5, string.Join("; ", result.Warnings));
    }

    [Fact]
    public void A_50_megabyte_value_is_skipped_cheaply_and_an_over_long_needed_field_is_a_warning()
    {
        var builder = new StringBuilder(Good).Append("Description: huge\n");
        var line = " " + new string('x', 999) + "\n";
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append(line);
        }

        builder.Append("\nPackage: long\nVersion: 1\nDepends: ").Append(new string('a', 100_000)).Append('\n');
        var packages = Parse(builder.ToString(), out var result);
        Assert.Equal(["good", "long"], packages.Select(p => p.Name));
        Assert.Empty(packages[1].DependsOn);
        Assert.Equal(["dpkg-field-too-long"], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Thousands_of_continuation_lines()
    {
        var builder = new StringBuilder("Package: many\nVersion: 1\nConffiles:\n");
        for (var i = 0; i < 20_000; i++)
        {
            builder.Append(" /etc/many/").Append(i).Append(" 0123456789abcdef0123456789abcdef\n");
        }

        builder.Append("Depends: a,\n b,\n").Append(string.Concat(Enumerable.Repeat("  c,\n", 5000))).Append(" d\n\n").Append(Good);
        var packages = Parse(builder.ToString(), out var result);
        Assert.Equal(["good", "many"], packages.Select(p => p.Name));
        Assert.Equal(20_000, packages[1].InstalledFiles.Count);
        Assert.Equal(["a", "b", "c", "d"], packages[1].DependsOn);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Continuation_before_any_field_and_invalid_values_are_warnings()
    {
        var packages = Parse(" stray\n\nPackage: bad name\nVersion: 1\n\nPackage: x\nVersion: 1 2\n\nPackage: y\nStatus: bogus\nVersion: 1\n\n" + Good, out var result);
        Assert.Equal(["good"], packages.Select(p => p.Name));
        Assert.Equal(["dpkg-invalid-status", "dpkg-invalid-value", "dpkg-malformed-line"], result.Warnings.Select(w => w.Code));
    }

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1:2.31.1-0.4ubuntu3.1", true)]
    [InlineData("5:20.10.7~3-0~debian-buster", true)]
    [InlineData("2.9.11+dfsg-1+b1", true)]
    [InlineData("1:5.#", false)]
    [InlineData("a:1.0", false)]
    [InlineData("1.0-", false)]
    [InlineData(":1.0", false)]
    [InlineData("1.0-r_1", false)]
    public void Debian_version_syntax(string version, bool valid) => Assert.Equal(valid, DpkgStatusAnalyzer.IsVersion(version));

    [Theory]
    [InlineData("var/lib/dpkg/status", true)]
    [InlineData("var/lib/dpkg/status.d/base-files", true)]
    [InlineData("var/lib/dpkg/status.d/base-files.md5sums", false)]
    [InlineData("var/lib/dpkg/status.d/sub/x", false)]
    [InlineData("var/lib/dpkg/status-old", false)]
    [InlineData("var/lib/dpkg/available", false)]
    [InlineData("usr/var/lib/dpkg/status", false)]
    public void Required_paths(string path, bool wanted)
    {
        Assert.Equal(wanted, Analyzer.Required(new EntryInfo(path, EntryKind.File, 10, 0x1a4, 0, 0, null, 0)) == Drydock.Analysis.AnalyzerNeed.Content);
        Assert.Equal(Drydock.Analysis.AnalyzerNeed.None, Analyzer.Required(new EntryInfo(path, EntryKind.Symlink, 0, 0x1ff, 0, 0, "x", 0)));
    }
}
