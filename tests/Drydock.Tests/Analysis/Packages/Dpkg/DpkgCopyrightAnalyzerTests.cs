using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.Layers;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Dpkg;

public sealed class DpkgCopyrightAnalyzerTests
{
    private static readonly DpkgCopyrightAnalyzer Analyzer = new();

    public static TheoryData<string> TrivyCases() => CaseNames("trivy", "name");

    public static TheoryData<string> SyftCases() => CaseNames("syft", "__fixture__");

    private static TheoryData<string> CaseNames(string peer, string key)
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SharedTestData is null)
        {
            data.Add("absent");
            return data;
        }

        foreach (var c in AnalyzerRun.Cases(SharedData.Path("package-fixtures", peer, peer == "trivy" ? "dpkg-copyright" : "debian-copyright", "expected.json")))
        {
            data.Add(c.Str(key)!);
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(TrivyCases))]
    public void Trivy_copyright_fixtures(string name)
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "trivy", "dpkg-copyright", "expected.json")).Single(x => x.Str("name") == name);
        var path = c.Str("filePath")!;
        var result = AnalyzerRun.File(Analyzer, path, SharedData.Path("package-fixtures", "trivy", "dpkg-copyright", c.Str("__fixture__")!));
        var want = c.GetProperty("want");
        if (want.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            Assert.Empty(result.PackageEvidence);
            return;
        }

        var license = want.GetProperty("Licenses")[0];

        // Debian's "Artistic" is Perl's Artistic Licence 1.0 (/usr/share/common-licenses/Artistic); Trivy says Artistic-2.0.
        var expected = license.GetProperty("Findings").EnumerateArray().Select(f => f.Str("Name")!)
            .Select(n => n == "Artistic-2.0" ? "Artistic-1.0-Perl" : n).Order(StringComparer.Ordinal);
        var evidence = Assert.Single(result.PackageEvidence);
        Assert.Equal((license.Str("PkgName"), PackageEvidence.Licenses, path), (evidence.Name, evidence.Kind, evidence.SourcePath));
        Assert.Equal(expected, evidence.Values);
    }

    [SharedDataTheory]
    [MemberData(nameof(SyftCases))]
    public void Syft_copyright_fixtures(string fixture)
    {
        var c = AnalyzerRun.Cases(SharedData.Path("package-fixtures", "syft", "debian-copyright", "expected.json")).Single(x => x.Str("__fixture__") == fixture);
        var found = DpkgCopyrightAnalyzer.Read(File.ReadAllBytes(SharedData.Path("package-fixtures", "syft", "debian-copyright", fixture)));
        var expected = c.Strings("expected");
        if (expected.Count > 0)
        {
            // Machine-readable files: Syft lists the short names as written; we give the same set in SPDX form.
            Assert.Equal(expected.Select(LicenseNames.Normalize).Distinct().Order(StringComparer.Ordinal), found);
        }
        else
        {
            // Syft reads nothing from free-form files; like Trivy we take the common-licenses references and
            // short-name License: lines, but never free text.
            Assert.All(found, l => Assert.True(LicenseNames.LooksLikeIdentifier(l), l));
        }
    }

    [SharedDataFact]
    public void Free_form_files_give_their_common_licenses_references()
    {
        var dir = SharedData.Path("package-fixtures", "syft", "debian-copyright", "copyright");
        Assert.Equal(["GPL-2.0-only", "LGPL-2.1-only"], DpkgCopyrightAnalyzer.Read(File.ReadAllBytes(Path.Combine(dir, "libc6"))));
        Assert.Equal(["GPL-2.0-only", "LGPL-2.1-only", "MPL-1.1"], DpkgCopyrightAnalyzer.Read(File.ReadAllBytes(Path.Combine(dir, "trilicense"))));
        var python = DpkgCopyrightAnalyzer.Read(File.ReadAllBytes(Path.Combine(dir, "python")));
        Assert.Contains("Apache-2.0", python);
        Assert.Contains("MIT", python);
        Assert.DoesNotContain(python, l => l.Contains(' ', StringComparison.Ordinal) || l.StartsWith('#'));
    }

    [Theory]
    [InlineData("License: GPL-2+ with OpenSSL exception\n", "GPL-2.0-or-later WITH OpenSSL-exception")]
    [InlineData("License: BSD-3-clause or Expat, and LGPL-3+\n", "BSD-3-Clause|LGPL-3.0-or-later|MIT")]
    [InlineData("License: This program is free software\n", "")]
    [InlineData("License: none\n", "")]
    [InlineData("see `/usr/share/common-licenses/GPL-3'.\r\n", "GPL-3.0-only")]
    [InlineData("in /usr/share/common-licenses/Apache-2.0.\n", "Apache-2.0")]
    public void Short_names_and_references(string text, string expected)
        => Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), DpkgCopyrightAnalyzer.Read(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("usr/share/doc/zlib1g/copyright", true)]
    [InlineData("usr/share/doc/ca-certificates/examples/x/debian/copyright", false)]
    [InlineData("usr/share/doc/copyright", false)]
    [InlineData("usr/share/doc//copyright", false)]
    [InlineData("usr/share/doc/zlib1g/changelog.gz", false)]
    public void Required_paths(string path, bool wanted)
        => Assert.Equal(wanted, Analyzer.Required(new EntryInfo(path, EntryKind.File, 10, 0x1a4, 0, 0, null, 0)) == AnalyzerNeed.Content);
}
