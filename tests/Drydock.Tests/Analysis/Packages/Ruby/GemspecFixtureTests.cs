using System.Text;
using Drydock.Analysis.Packages.Ruby;
using Drydock.Tests.Fixtures;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.Ruby;

public sealed class GemspecFixtureTests
{
    public static IEnumerable<object[]> TrivyCases => Cases("package-fixtures", "trivy", "ruby-gemspec");

    [SharedDataTheory]
    [MemberData(nameof(TrivyCases))]
    public void Trivy_gemspec(string caseName, string fixture)
    {
        var expected = Case(fixture, caseName, "package-fixtures", "trivy", "ruby-gemspec");
        var bytes = File.ReadAllBytes(SharedData.Path("package-fixtures", "trivy", "ruby-gemspec", fixture));
        var result = Run(new GemspecAnalyzer(), "usr/lib/ruby/gems/3.1.0/specifications/" + fixture, bytes);
        if (!expected.TryGetProperty("want", out var want))
        {
            Assert.Empty(result.Packages);
            Assert.Equal("gemspec-missing-name-or-version", Assert.Single(result.Warnings).Code);
            return;
        }

        var wanted = Assert.Single(want.EnumerateArray().ToList());
        var record = Assert.Single(result.Packages);
        Assert.Equal((wanted.GetProperty("Name").GetString(), wanted.GetProperty("Version").GetString()), (record.Name, record.Version));
        var licenses = wanted.TryGetProperty("Licenses", out var l) ? l.EnumerateArray().Select(x => x.GetString()!).Order(StringComparer.Ordinal).ToList() : [];
        if (fixture == "normal01.gemspec")
        {
            // `spec.licenses = "MIT"`: Trivy ignores a licenses value that is not an array; RubyGems accepts it
            // (Array("MIT")), so we keep it.
            licenses = ["MIT"];
        }

        Assert.Equal(licenses, record.Licenses);
    }

    [Fact]
    public void Version_from_gem_version_new_and_default_gems()
    {
        var text = "Gem::Specification.new do |s|\n  s.name = \"json\"\n  s.version = Gem::Version.new(\"2.6.3\")\n  s.license = 'Ruby' # or BSD\nend\n";
        var record = Assert.Single(Run(new GemspecAnalyzer(), "usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.3.gemspec", Encoding.UTF8.GetBytes(text)).Packages);
        Assert.Equal(("json", "2.6.3"), (record.Name, record.Version));
        Assert.Equal(["Ruby"], record.Licenses);
    }
}
