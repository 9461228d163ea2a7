using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Apk;
using Drydock.Layers;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Apk;

public sealed class ApkInstalledAnalyzerTests
{
    private static readonly ApkInstalledAnalyzer Analyzer = new();

    private static LayerResult Parse(string text) => AnalyzerRun.Bytes(Analyzer, ApkInstalledAnalyzer.InstalledPath, Encoding.UTF8.GetBytes(text));

    [SharedDataFact]
    public void Trivy_fixture_gives_the_expected_packages()
    {
        var c = Assert.Single(AnalyzerRun.Cases(SharedData.Path("package-fixtures", "trivy", "apk", "expected.json")));
        var result = AnalyzerRun.File(Analyzer, ApkInstalledAnalyzer.InstalledPath, SharedData.Path("package-fixtures", "trivy", "apk", "apk"));
        var expected = c.GetProperty("wantPkgs").EnumerateArray().ToList();
        Assert.Equal(expected.Select(p => p.Str("Name")).Order(StringComparer.Ordinal), result.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        var installed = result.Packages.Select(p => p.Name).ToHashSet();
        foreach (var want in expected)
        {
            var got = result.Packages.Single(p => p.Name == want.Str("Name"));
            Assert.Equal((PackageTypes.Apk, want.Str("Version"), want.Str("SrcName"), want.Str("Arch"), want.Str("Maintainer")), (got.Type, got.Version, got.SourceName, got.Arch, got.Supplier));
            Assert.Equal(want.Str("Version"), want.Str("SrcVersion"));
            Assert.Null(got.SourceVersion);
            Assert.Equal(want.Str("Digest"), got.Metadata["digest"]);
            Assert.Equal(want.Strings("InstalledFiles").Order(StringComparer.Ordinal), got.InstalledFiles);
            Assert.Equal(want.Strings("DependsOn").Select(d => d[..d.IndexOf('@')]).Order(StringComparer.Ordinal), got.DependsOn.Where(installed.Contains));

            // Trivy guesses GPL-2.0-or-later for a bare "GPL"; the GPL itself lets an unversioned grant take any version.
            var licenses = want.Strings("Licenses").Select(l => want.Str("Name") is "alpine-keys" or "libc-utils" ? "GPL-1.0-or-later" : l);
            Assert.Equal(licenses.Order(StringComparer.Ordinal), got.Licenses);
        }

        Assert.Equal(c.Strings("wantFiles").Order(StringComparer.Ordinal), result.Packages.SelectMany(p => p.InstalledFiles).Order(StringComparer.Ordinal));
        Assert.Equal("apk-missing-field", Assert.Single(result.Warnings).Code);
    }

    public static TheoryData<string> SyftCases()
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SharedTestData is null)
        {
            data.Add("absent");
            return data;
        }

        foreach (var c in AnalyzerRun.Cases(SharedData.Path("package-fixtures", "syft", "alpine-apk-installed", "expected.json")))
        {
            data.Add(c.Str("__fixture__")!);
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(SyftCases))]
    public void Syft_fixtures_give_the_expected_package(string fixture)
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "syft", "alpine-apk-installed", "expected.json")).Single(x => x.Str("__fixture__") == fixture);
        var file = SharedData.Path("package-fixtures", "syft", "alpine-apk-installed", fixture);
        var result = AnalyzerRun.File(Analyzer, ApkInstalledAnalyzer.InstalledPath, file);
        var want = c.GetProperty("expected");
        var meta = want.GetProperty("Metadata");
        var got = Assert.Single(result.Packages);
        Assert.Equal((want.Str("Name"), want.Str("Version"), meta.Str("OriginPackage"), meta.Str("Architecture"), meta.Str("Maintainer")), (got.Name, got.Version, got.SourceName, got.Arch, got.Supplier));
        Assert.Equal((meta.Str("GitCommit"), meta.Str("Checksum")), (got.Metadata["commit"], got.Metadata["checksum"]));

        // A single-package database: dependencies nobody provides stay only when they name a package.
        Assert.Equal(meta.Strings("Dependencies").Where(d => !d.Contains(':', StringComparison.Ordinal) && !d.StartsWith('/')), got.DependsOn);

        // Syft lists folders (F:) and files (R:); we list the files.
        var folders = File.ReadAllLines(file).Where(l => l.StartsWith("F:", StringComparison.Ordinal)).Select(l => l[2..]).ToHashSet();
        var syftPaths = meta.GetProperty("Files").EnumerateArray().Select(f => f.Str("Path")!.TrimStart('/')).ToList();
        Assert.Equal(syftPaths.Where(p => !folders.Contains(p)).Order(StringComparer.Ordinal), got.InstalledFiles);
        Assert.NotEmpty(got.Licenses);
    }

    [Fact]
    public void Dependencies_resolve_through_provides_and_ignore_conflicts()
    {
        var result = Parse("P:a\nV:1-r0\np:so:liba.so.1=1 cmd:a\n\nP:b\nV:2-r0\nD:so:liba.so.1 !c missing>=3 so:libnone.so.1 /bin/sh cmd:a\nL:MIT AND (Apache-2.0 OR GPL-2.0-or-later WITH Linux-syscall-note)\n");
        var b = result.Packages.Single(p => p.Name == "b");
        Assert.Equal(["a", "missing"], b.DependsOn);
        Assert.Equal(["Apache-2.0", "GPL-2.0-or-later WITH Linux-syscall-note", "MIT"], b.Licenses);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Each_file_keeps_the_sha1_of_its_z_line()
    {
        // Q1 + base64 of the SHA-1 of the empty string; a Z: with no R: before it, and a malformed one, are ignored.
        var result = Parse("P:a\nV:1-r0\nZ:Q12jmj7l5rSw0yVb/vlWAYkK/YBwk=\nF:usr/bin\nR:a\nZ:Q12jmj7l5rSw0yVb/vlWAYkK/YBwk=\nR:b\nZ:Q1notbase64\nR:c\n");
        var a = Assert.Single(result.Packages);
        Assert.Equal(["usr/bin/a", "usr/bin/b", "usr/bin/c"], a.InstalledFiles);
        Assert.Equal(new Dictionary<string, string> { ["usr/bin/a"] = "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709" }, a.FileDigests!);
    }

    [Fact]
    public void Malformed_lines_and_garbage_are_warnings_and_good_packages_stay()
    {
        var garbage = new byte[100_000];
        new Random(11).NextBytes(garbage);
        var content = Encoding.UTF8.GetBytes("P:good\nV:1.0-r0\nF:usr/bin\nR:good\n\n").Concat(garbage)
            .Concat(Encoding.UTF8.GetBytes("\n\nP:also\r\nV:2.0-r1\r\nR:top\r\n")).ToArray();
        var result = AnalyzerRun.Bytes(Analyzer, ApkInstalledAnalyzer.InstalledPath, content);
        Assert.Equal(["also", "good"], result.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["top"], result.Packages.Single(p => p.Name == "also").InstalledFiles);
        Assert.Equal(["usr/bin/good"], result.Packages.Single(p => p.Name == "good").InstalledFiles);
        Assert.Contains(result.Warnings, w => w.Code == "apk-malformed-line");
        Assert.True(result.Warnings.Count <= 4, string.Join("; ", result.Warnings));
    }

    [Theory]
    [InlineData("lib/apk/db/installed", true)]
    [InlineData("lib/apk/db/installed.new", false)]
    [InlineData("usr/lib/apk/db/installed", false)]
    public void Required_paths(string path, bool wanted)
        => Assert.Equal(wanted, Analyzer.Required(new EntryInfo(path, EntryKind.File, 10, 0x1a4, 0, 0, null, 0)) == AnalyzerNeed.Content);
}
