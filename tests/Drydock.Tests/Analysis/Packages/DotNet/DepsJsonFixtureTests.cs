using System.Text.Json;
using Drydock.Analysis.Packages.DotNet;
using Drydock.Tests.Fixtures;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.DotNet;

public sealed class DepsJsonFixtureTests
{
    public static IEnumerable<object[]> TrivyCases => Cases("package-fixtures", "trivy", "dotnet-deps-json");

    [SharedDataTheory]
    [MemberData(nameof(TrivyCases))]
    public void Trivy_deps_json(string caseName, string fixture)
    {
        var expected = Case(fixture, caseName, "package-fixtures", "trivy", "dotnet-deps-json");
        var bytes = File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "dotnet-deps-json", fixture));
        var result = Run(new DepsJsonAnalyzer(), "app/" + fixture, bytes);
        if (expected.TryGetProperty("wantErr", out _))
        {
            Assert.Empty(result.Packages);
            Assert.Equal("dotnet-invalid-deps-json", Assert.Single(result.Warnings).Code);
            return;
        }

        // Trivy also lists the "project" libraries (the application and its own projects); we record dependencies only.
        using var fixtureDoc = JsonDocument.Parse(bytes);
        var projects = (fixtureDoc.RootElement.TryGetProperty("libraries", out var libraries) ? libraries.EnumerateObject() : default)
            .Where(l => l.Value.GetProperty("type").GetString() == "project").Select(l => l.Name.Replace('/', '@')).ToHashSet();
        var wanted = NameVersions(expected.TryGetProperty("want", out var w) ? w : default);
        wanted.ExceptWith(projects);
        Assert.Equal(wanted, NameVersions(result));
    }

    [Fact]
    public void Nuget_cache_is_not_an_application()
    {
        var entry = new Drydock.Layers.EntryInfo("root/.nuget/packages/foo/1.0.0/lib/foo.deps.json", Drydock.Layers.EntryKind.File, 10, 0, 0, 0, null, 0);
        Assert.Equal(Drydock.Analysis.AnalyzerNeed.None, new DepsJsonAnalyzer().Required(entry));
    }
}
