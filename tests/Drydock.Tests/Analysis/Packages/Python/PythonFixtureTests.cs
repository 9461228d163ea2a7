using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Python;
using Drydock.Tests.Fixtures;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.Python;

/// <summary>Trivy's and Syft's Python metadata fixtures against their expected results, plus zipped eggs.</summary>
public sealed class PythonFixtureTests
{
    public static IEnumerable<object[]> TrivyCases => Cases("package-fixtures", "trivy", "python-packaging-metadata");

    [SharedDataTheory]
    [MemberData(nameof(TrivyCases))]
    public void Trivy_packaging_metadata(string caseName, string fixture)
    {
        var expected = Case(fixture, caseName, "package-fixtures", "trivy", "python-packaging-metadata");
        var bytes = File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "python-packaging-metadata", fixture));
        var imagePath = fixture.EndsWith(".egg-info", StringComparison.Ordinal)
            ? "usr/lib/python3/dist-packages/" + fixture
            : fixture.Contains("PKG-INFO") ? "usr/lib/python3/dist-packages/x.egg-info/PKG-INFO" : "usr/lib/python3/dist-packages/x.dist-info/METADATA";
        var result = Run(new PythonPackageAnalyzer(), imagePath, bytes);
        if (!expected.TryGetProperty("want", out var want))
        {
            Assert.Empty(result.Packages); // Trivy's error case: no Name/Version, so a warning and nothing recorded
            Assert.Single(result.Warnings);
            return;
        }

        var wanted = Assert.Single(want.EnumerateArray().ToList());
        var record = Assert.Single(result.Packages);
        AssertSame(wanted.GetProperty("Name").GetString()!, wanted.GetProperty("Version").GetString()!,
            wanted.TryGetProperty("Licenses", out var l) && l.ValueKind == JsonValueKind.Array ? [.. l.EnumerateArray().Select(x => x.GetString()!)] : [], record);
    }

    [SharedDataTheory]
    [InlineData("site-packages/nested/egg-name/egg-info/PKG-INFO", "usr/lib/python3.8/site-packages/requests-2.22.0-py3.8.egg-info/PKG-INFO")]
    [InlineData("site-packages/nested/dist-name/dist-info/METADATA", "usr/lib/python3.8/site-packages/Pygments-2.6.1.dist-info/METADATA")]
    public void Syft_wheel_and_egg_metadata(string fixture, string imagePath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("package-fixtures", "syft", "python-wheel-egg-metadata", "expected.json")));
        var expected = doc.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("__fixture__").GetString()!.EndsWith(fixture, StringComparison.Ordinal))
            .GetProperty("ExpectedMetadata");
        var python = expected.GetProperty("PythonPackage");
        var result = Run(new PythonPackageAnalyzer(), imagePath, File.ReadAllBytes(SharedData.Path("package-fixtures", "syft", "python-wheel-egg-metadata", fixture)));
        var record = Assert.Single(result.Packages);
        AssertSame(python.GetProperty("Name").GetString()!, python.GetProperty("Version").GetString()!, [expected.GetProperty("Licenses").GetString()!], record);
        Assert.Equal(python.GetProperty("Author").GetString(), record.Supplier);
        if (python.TryGetProperty("RequiresDist", out var requires))
        {
            // Syft keeps requirement strings; we keep the PEP 503 names they depend on.
            Assert.Equal(requires.EnumerateArray().Select(r => Pep503.Normalize(r.GetString()!.Split(' ', ';', '(')[0])).Order(StringComparer.Ordinal), record.DependsOn);
        }
    }

    // Deliberate differences from the peers: names are PEP 503 normalised (Trivy keeps "Unidecode"; the written name is
    // in Metadata["name"]); classifier licence names become SPDX ids where the classifier is unambiguous (Trivy does this
    // later, in its licence normaliser); "UNKNOWN" (setuptools' placeholder) is no licence; a License-File is kept as
    // Metadata["license-file"], not as a licence named "file://…".
    private static void AssertSame(string name, string version, List<string> licenses, PackageRecord record)
    {
        Assert.Equal(Pep503.Normalize(name), record.Name);
        Assert.Equal(name, record.Metadata["name"]);
        Assert.Equal(version, record.Version);
        var files = licenses.Where(x => x.StartsWith("file://", StringComparison.Ordinal)).Select(x => x["file://".Length..]).ToList();
        if (files.Count > 0)
        {
            Assert.Equal(files.Single(), record.Metadata.GetValueOrDefault("license-file"));
        }

        var wanted = licenses.Where(x => x != "UNKNOWN" && !x.StartsWith("file://", StringComparison.Ordinal)).Select(PythonLicenses.Named).Order(StringComparer.Ordinal);
        Assert.Equal(wanted, record.Licenses);
    }

    [Fact]
    public void Zipped_egg_is_read_from_its_egg_info()
    {
        var egg = Zip(("EGG-INFO/PKG-INFO", "Metadata-Version: 1.1\nName: Zope.Interface\nVersion: 5.4.0\nLicense: ZPL 2.1\n\nbody\n"), ("zope/__init__.py", ""));
        var result = Run(new PythonPackageAnalyzer(), "usr/lib/python3/site-packages/zope.interface-5.4.0-py3.9.egg", egg);
        var record = Assert.Single(result.Packages);
        Assert.Equal(("zope-interface", "5.4.0", "EGG-INFO/PKG-INFO"), (record.Name, record.Version, record.InnerPath));
        Assert.Equal(["ZPL 2.1"], record.Licenses);
    }

    [Fact]
    public void Egg_that_is_not_a_zip_or_lacks_pkg_info_warns()
    {
        var analyzer = new PythonPackageAnalyzer();
        Assert.Empty(Run(analyzer, "a/b.egg", Zip(("other.txt", "x"))).Packages);
        Assert.Equal("python-egg-without-pkg-info", Assert.Single(Run(analyzer, "a/b.egg", Zip(("other.txt", "x"))).Warnings).Code);
        var truncated = Zip(("EGG-INFO/PKG-INFO", "Name: a\nVersion: 1\n"))[..40];
        Assert.Equal("python-invalid-egg", Assert.Single(Run(analyzer, "a/b.egg", truncated).Warnings).Code);
        Assert.False(analyzer.WantsContent(new Drydock.Layers.EntryInfo("a/b.egg", Drydock.Layers.EntryKind.File, 10, 0, 0, 0, null, 0), "not a zip"u8));
    }

    [Fact]
    public void Multi_line_license_text_falls_back_to_classifiers()
    {
        var text = "Name: foo_bar\nVersion: 1.0\nLicense: Copyright (c) someone\n        Permission is hereby granted\nClassifier: License :: OSI Approved :: MIT License\n\n";
        var record = Assert.Single(Run(new PythonPackageAnalyzer(), "x/foo_bar-1.0.dist-info/METADATA", Encoding.UTF8.GetBytes(text)).Packages);
        Assert.Equal("foo-bar", record.Name);
        Assert.Equal(["MIT"], record.Licenses);
    }

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }
}
