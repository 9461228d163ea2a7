using System.Text.Json;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Java;
using Drydock.Layers;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Java;

/// <summary>Trivy's jar parser test table (../shared/testdata/package-fixtures/trivy/java-jar/expected.json) over the
/// copied fixtures. Trivy names packages "group:artifact" and gives nested ones the path "outer.jar/inner/path.jar";
/// ours are Namespace + Name and SourcePath + InnerPath (the chain inside: "WEB-INF/lib/inner.jar!/deeper.jar").</summary>
public sealed class JavaArchiveTrivyFixtureTests
{
    // Cases whose expectation comes from Trivy's mocked Maven Central lookups, which an offline scanner cannot make.
    private const string Sha1Search = "sha1 search";
    private const string ArtifactIdSearch = "artifactId search";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (RepoPaths.SharedTestData is null)
        {
            data.Add("(shared data absent)");
            return data;
        }

        foreach (var c in Expected().RootElement.GetProperty("cases").EnumerateArray())
        {
            if (!c.TryGetProperty("__fixture_not_copied__", out _))
            {
                data.Add(c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(Cases))]
    public void Fixture_parses_to_trivys_expectation(string caseName)
    {
        var c = Case(caseName);
        var fixture = c.GetProperty("__fixture__").GetString()!;
        var packages = Analyze(fixture, out var warnings);
        Assert.Empty(warnings);

        if (caseName == Sha1Search)
        {
            // Trivy resolves this manifest-only jar by its SHA-1 against Maven Central (spring-core 5.3.3, mocked in its test).
            // Offline we give what Trivy gives offline: the manifest's coordinates (the "offline" row of the same table).
            c = Case("offline");
        }

        var want = c.GetProperty("want").EnumerateArray().Select(w => (
            Name: w.GetProperty("Name").GetString()!,
            Version: w.GetProperty("Version").GetString()!,
            FilePath: w.GetProperty("FilePath").GetString()!,
            Licenses: w.TryGetProperty("Licenses", out var l) ? string.Join("|", l.EnumerateArray().Select(x => x.GetString()).Order(StringComparer.Ordinal)) : "")).ToList();

        if (caseName == ArtifactIdSearch)
        {
            // Trivy finds the group by searching Maven Central for the artifact id (mocked). Offline, the file name
            // gives artifact and version only: checked partially, without the group.
            var w = Assert.Single(want);
            var p = Assert.Single(packages);
            Assert.Null(p.Namespace);
            Assert.Equal(w.Name[(w.Name.IndexOf(':') + 1)..], p.Name);
            Assert.Equal(w.Version, p.Version);
            Assert.Equal("file-name", p.Metadata["evidence"]);
            return;
        }

        var got = packages.Select(p => (
            Name: $"{p.Namespace}:{p.Name}",
            p.Version,
            FilePath: (p.InnerPath is null ? p.SourcePath : p.SourcePath + "/" + p.InnerPath).Replace("!/", "/", StringComparison.Ordinal),
            Licenses: string.Join("|", p.Licenses))).ToList();
        Assert.Equal(want.OrderBy(w => w.FilePath).ThenBy(w => w.Name).ThenBy(w => w.Version), got.OrderBy(g => g.FilePath).ThenBy(g => g.Name).ThenBy(g => g.Version));
    }

    [SharedDataFact]
    public void Cases_without_a_fixture_are_the_three_big_archives_left_out_of_the_copy()
    {
        // maven.war, gradle.war and the quarkus gizmo jar (1-2.5 MB each) were not copied; their rows cannot run here.
        var missing = Expected().RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.TryGetProperty("__fixture_not_copied__", out _)).Select(c => c.GetProperty("__fixture__").GetString()).ToList();

        Assert.Equal(["maven.war", "gradle.war", "io.quarkus.gizmo.gizmo-1.1.jar"], missing);
        Assert.All(missing, m => Assert.False(File.Exists(SharedData.Path("package-fixtures", "trivy", "java-jar", m!))));
    }

    [SharedDataFact]
    public void Each_archive_records_its_own_sha1()
    {
        var packages = Analyze("nested.jar", out _);
        var outer = File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "java-jar", "nested.jar"));

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(outer)), packages.Single(p => p.InnerPath is null).Metadata["sha1"]);
        Assert.Equal(3, packages.Select(p => p.Metadata["sha1"]).Distinct().Count());
    }

    private static List<PackageRecord> Analyze(string fixture, out List<Diagnostic> warnings)
    {
        var bytes = File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "java-jar", fixture));
        var entry = new EntryInfo("testdata/" + fixture, EntryKind.File, bytes.Length, 0x1a4, 0, 0, null, 0);
        var builder = new LayerResultBuilder();
        var analyzer = new JavaArchiveAnalyzer();
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(entry));
        Assert.True(analyzer.WantsContent(entry, bytes.AsSpan(0, Math.Min(512, bytes.Length))));
        analyzer.Analyze(new AnalyzerInput(entry, bytes.AsSpan(0, Math.Min(512, bytes.Length)), bytes), builder);
        var result = builder.Build("sha256:x", "none", 0, 1);
        warnings = result.Warnings;
        return result.Packages;
    }

    private static JsonElement Case(string name)
        => Expected().RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static JsonDocument Expected()
        => JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "java-jar", "expected.json")));
}
