using Drydock.Versions;

namespace Drydock.Tests.Versions;

/// <summary>The public entry points: scheme lookup by OSV ecosystem and purl type, and the errors for bad input.</summary>
public sealed class VersionSchemesTests
{
    [Fact]
    public void Every_scheme_has_a_comparer_of_that_scheme()
    {
        Assert.Equal(12, VersionSchemes.All.Count);
        foreach (var scheme in VersionSchemes.All)
        {
            Assert.Equal(scheme, VersionSchemes.For(scheme).Scheme);
            Assert.True(VersionSchemes.For(scheme).TryParse("1.2.3", out var v), $"{scheme} should take 1.2.3");
            Assert.Equal(scheme, v.Scheme);
            Assert.Equal("1.2.3", v.Original);
        }
    }

    [Theory]
    [InlineData("Debian", VersionScheme.Dpkg)]
    [InlineData("Debian:12", VersionScheme.Dpkg)]
    [InlineData("Ubuntu:22.04", VersionScheme.Dpkg)]
    [InlineData("Alpine", VersionScheme.Apk)]
    [InlineData("Alpine:v3.19", VersionScheme.Apk)]
    [InlineData("Wolfi", VersionScheme.Apk)]
    [InlineData("Chainguard", VersionScheme.Apk)]
    [InlineData("Rocky Linux:9", VersionScheme.Rpm)]
    [InlineData("AlmaLinux", VersionScheme.Rpm)]
    [InlineData("Red Hat", VersionScheme.Rpm)]
    [InlineData("openSUSE", VersionScheme.Rpm)]
    [InlineData("SUSE", VersionScheme.Rpm)]
    [InlineData("PyPI", VersionScheme.Pep440)]
    [InlineData("npm", VersionScheme.Npm)]
    [InlineData("Go", VersionScheme.Go)]
    [InlineData("Maven", VersionScheme.Maven)]
    [InlineData("NuGet", VersionScheme.NuGet)]
    [InlineData("RubyGems", VersionScheme.RubyGems)]
    [InlineData("Packagist", VersionScheme.Composer)]
    [InlineData("crates.io", VersionScheme.Cargo)]
    [InlineData("registry-crates.invalid", VersionScheme.Cargo)]
    public void Osv_ecosystems_map_to_schemes(string ecosystem, VersionScheme expected)
    {
        Assert.True(VersionSchemes.TryForOsvEcosystem(ecosystem, out var comparer));
        Assert.Equal(expected, comparer.Scheme);
    }

    [Theory]
    [InlineData("")]
    [InlineData("debian")]
    [InlineData("GIT")]
    [InlineData("Hex")]
    public void Unknown_osv_ecosystems_have_no_comparer(string ecosystem)
    {
        Assert.False(VersionSchemes.TryForOsvEcosystem(ecosystem, out var comparer));
        Assert.Null(comparer);
    }

    [Theory]
    [InlineData("deb", VersionScheme.Dpkg)]
    [InlineData("apk", VersionScheme.Apk)]
    [InlineData("rpm", VersionScheme.Rpm)]
    [InlineData("pypi", VersionScheme.Pep440)]
    [InlineData("npm", VersionScheme.Npm)]
    [InlineData("golang", VersionScheme.Go)]
    [InlineData("maven", VersionScheme.Maven)]
    [InlineData("nuget", VersionScheme.NuGet)]
    [InlineData("gem", VersionScheme.RubyGems)]
    [InlineData("composer", VersionScheme.Composer)]
    [InlineData("cargo", VersionScheme.Cargo)]
    public void Purl_types_map_to_schemes(string type, VersionScheme expected)
        => Assert.Equal(expected, VersionSchemes.ForPackageType(type));

    [Fact]
    public void Unknown_purl_type_has_no_scheme() => Assert.Null(VersionSchemes.ForPackageType("generic"));

    [Theory]
    [InlineData(VersionScheme.Dpkg, "1:")]
    [InlineData(VersionScheme.Apk, "1.0bc")]
    [InlineData(VersionScheme.Rpm, "")]
    [InlineData(VersionScheme.SemVer, "1.2")]
    [InlineData(VersionScheme.Cargo, "v1.2.3")]
    [InlineData(VersionScheme.Npm, "1.2.03")]
    [InlineData(VersionScheme.Pep440, "french toast")]
    [InlineData(VersionScheme.Maven, "")]
    [InlineData(VersionScheme.Go, "v1.2-pre")]
    [InlineData(VersionScheme.RubyGems, "1..2")]
    [InlineData(VersionScheme.NuGet, "1.2.3.4.5")]
    [InlineData(VersionScheme.Composer, "dev-main")]
    public void Invalid_versions_are_errors_not_guesses(VersionScheme scheme, string text)
    {
        var comparer = VersionSchemes.For(scheme);
        Assert.False(comparer.TryParse(text, out var v));
        Assert.Null(v);
        Assert.Throws<FormatException>(() => comparer.Compare(text, "1.0.0"));
        Assert.Throws<FormatException>(() => comparer.Parse(text));
    }

    [Fact]
    public void Versions_of_another_scheme_are_refused()
    {
        var deb = VersionSchemes.For(VersionScheme.Dpkg).Parse("1.0");
        var semver = VersionSchemes.For(VersionScheme.SemVer).Parse("1.0.0");
        var cargo = VersionSchemes.For(VersionScheme.Cargo).Parse("1.0.0");
        Assert.Throws<ArgumentException>(() => VersionSchemes.For(VersionScheme.Rpm).Compare(deb, deb));
        Assert.Throws<ArgumentException>(() => VersionSchemes.For(VersionScheme.SemVer).Compare(semver, cargo));
        Assert.Equal(0, VersionSchemes.For(VersionScheme.Cargo).Compare(cargo, VersionSchemes.For(VersionScheme.Cargo).Parse("1.0.0+build")));
    }

    [Fact]
    public void Typed_comparer_gives_the_scheme_type()
    {
        var comparer = VersionSchemes.For<DpkgVersion>(VersionScheme.Dpkg);
        Assert.True(comparer.TryParse("2:1.0~rc1-3", out DpkgVersion? v));
        Assert.Equal(("2", "1.0~rc1", "3"), (v.Epoch, v.Upstream, v.Revision));
        Assert.Throws<ArgumentException>(() => VersionSchemes.For<DpkgVersion>(VersionScheme.Rpm));
    }

    [Theory]
    [InlineData("1.0.0-dev", "1.0.0-alpha1", -1)]
    [InlineData("1.0.0-alpha1", "1.0.0-beta", -1)]
    [InlineData("1.0.0-beta2", "1.0.0-RC1", -1)]
    [InlineData("1.0.0-RC1", "1.0.0", -1)]
    [InlineData("1.0.0", "1.0.0-patch1", -1)]
    [InlineData("1.0.0-p1", "1.0.0-patch1", 0)]
    [InlineData("v1.2", "1.2.0.0", 0)]
    [InlineData("1.0.0-stable", "1.0.0", 0)]
    [InlineData("1.0.0+build.5", "1.0.0", 0)]
    [InlineData("1.2b2", "1.2.0-beta2", 0)]
    [InlineData("1.10.0", "1.9.9", 1)]
    [InlineData("2.0.0-alpha.2", "2.0.0-alpha.10", -1)]
    public void Composer_orders_stabilities(string a, string b, int expected)
        => Assert.Equal(expected, VersionSchemes.For(VersionScheme.Composer).Compare(a, b));

    [Fact]
    public void Composer_normalises_as_composer()
    {
        Assert.True(ComposerVersion.TryParse("v1.2b2", out var v));
        Assert.Equal("1.2.0.0-beta2", v.Normalized);
        Assert.True(ComposerVersion.TryParse("2.0-RC.1-dev", out v));
        Assert.Equal("2.0.0.0-RC1-dev", v.Normalized);
    }

    [Theory]
    [InlineData("1.0.0-Beta", "1.0.0-beta", 0)]
    [InlineData("1.0", "1.0.0.0", 0)]
    [InlineData("1.0.0-alpha.2", "1.0.0-alpha.10", -1)]
    [InlineData("1.0.0-alpha", "1.0.0", -1)]
    [InlineData("1.0.0+meta", "1.0.0", 0)]
    [InlineData("1.0.0.1", "1.0.0", 1)]
    [InlineData("1.01", "1.1", 0)]
    [InlineData("1.0.0-2", "1.0.0-a", -1)]
    public void NuGet_orders_as_nuget(string a, string b, int expected)
        => Assert.Equal(expected, VersionSchemes.For(VersionScheme.NuGet).Compare(a, b));

    [Theory]
    [InlineData("v0.0.0-20210101000000-abcdef123456", "v0.1.0", -1)]
    [InlineData("v1.2.4-0.20210101000000-abcdef123456", "v1.2.3", 1)]
    [InlineData("v1.2.4-0.20210101000000-abcdef123456", "v1.2.4", -1)]
    [InlineData("v1.2.4-0.20210101000000-abcdef123456", "v1.2.4-0.20220101000000-abcdef123456", -1)]
    [InlineData("v2.0.0+incompatible", "v2.0.0", 0)]
    [InlineData("v2.1.0+incompatible", "v2.0.0", 1)]
    [InlineData("1.21.5", "v1.21.5", 0)]
    [InlineData("v1", "v1.0.0", 0)]
    [InlineData("go1.21rc2", "go1.21.0", -1)]
    [InlineData("go1.20", "v1.20.0", 0)]
    [InlineData("go1.21.5", "1.21.10", -1)]
    public void Go_orders_pseudo_versions_and_incompatible(string a, string b, int expected)
        => Assert.Equal(expected, VersionSchemes.For(VersionScheme.Go).Compare(a, b));

    [Fact]
    public void Go_recognises_pseudo_and_incompatible_versions()
    {
        Assert.True(GoModuleVersion.TryParse("v1.2.4-0.20210101000000-abcdef123456", out var pseudo));
        Assert.True(GoModuleVersion.IsPseudo(pseudo));
        Assert.True(GoModuleVersion.TryParse("v0.0.0-20210101000000-abcdef123456", out pseudo));
        Assert.True(GoModuleVersion.IsPseudo(pseudo));
        Assert.True(GoModuleVersion.TryParse("v2.0.0+incompatible", out var incompatible));
        Assert.True(GoModuleVersion.IsIncompatible(incompatible));
        Assert.False(GoModuleVersion.IsPseudo(incompatible));
        Assert.Equal("v2.0.0", incompatible.ToString());
    }

    [Theory]
    [InlineData("^1.2.3", "1.9.0", false, true)]
    [InlineData("^1.2.3", "2.0.0", false, false)]
    [InlineData("^0.2.3", "0.3.0", false, false)]
    [InlineData(">=1.0.0 <2.0.0 || >=3.0.0", "3.1.0", false, true)]
    [InlineData("1.2.3 - 2.3", "2.3.9", false, true)]
    [InlineData("~1.2", "1.2.9-beta", false, false)]
    [InlineData("~1.2", "1.2.9-beta", true, true)]
    [InlineData(">1.2.3-alpha.3", "1.2.3-alpha.7", false, true)]
    [InlineData(">1.2.3-alpha.3", "3.4.5-alpha.9", false, false)]
    [InlineData("*", "1.0.0", false, true)]
    [InlineData("", "0.0.1", false, true)]
    public void Npm_ranges_follow_node_semver(string range, string version, bool includePrerelease, bool expected)
    {
        Assert.True(NpmRange.TryParse(range, out var r));
        Assert.Equal(expected, r.IsSatisfiedBy(version, includePrerelease));
    }

    [Theory]
    [InlineData(">=1.2.3 garbage")]
    [InlineData("1.2.3 - ")]
    [InlineData(">=01.2.3")]
    public void Invalid_npm_ranges_do_not_parse(string range) => Assert.False(NpmRange.TryParse(range, out _));
}
