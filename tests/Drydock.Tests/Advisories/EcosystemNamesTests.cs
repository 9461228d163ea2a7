using Drydock.Advisories;

namespace Drydock.Tests.Advisories;

public sealed class EcosystemNamesTests
{
    [Theory]
    [InlineData("PyPI", "Django", "django")]
    [InlineData("PyPI", "zope.interface", "zope-interface")]
    [InlineData("PyPI", "Foo__Bar-._baz", "foo-bar-baz")]
    [InlineData("PyPI", "_private", "-private")]
    [InlineData("npm", "@Scope/Pkg", "@Scope/Pkg")]
    [InlineData("Maven", "org.apache.logging.log4j:log4j-core", "org.apache.logging.log4j:log4j-core")]
    [InlineData("Go", "github.com/Foo/bar", "github.com/Foo/bar")]
    public void Package_names_are_normalised_per_ecosystem(string ecosystem, string name, string expected)
        => Assert.Equal(expected, EcosystemNames.NormalisePackageName(ecosystem, name));

    [Theory]
    [InlineData("bullseye", "Debian:11")]
    [InlineData("bookworm", "Debian:12")]
    [InlineData("buster", "Debian:10")]
    [InlineData("stretch", "Debian:9")]
    [InlineData("jessie", "Debian:8")]
    [InlineData("wheezy", "Debian:7")]
    [InlineData("squeeze", "Debian:6")]
    [InlineData("lenny", "Debian:5")]
    [InlineData("etch", "Debian:4")]
    [InlineData("sarge", "Debian:3.1")]
    [InlineData("woody", "Debian:3.0")]
    [InlineData("potato", "Debian:2.2")]
    [InlineData("trixie", "Debian:13")]
    [InlineData("buzz", "Debian:1.1")]
    [InlineData("sid", null)]
    public void Debian_codenames_map_to_release_numbers(string codename, string? expected)
        => Assert.Equal(expected, EcosystemNames.DebianRelease(codename));

    [Theory]
    [InlineData("Ubuntu:22.04:LTS", "Ubuntu:22.04")]
    [InlineData("Ubuntu:Pro:18.04:LTS", "Ubuntu:Pro:18.04")]
    [InlineData("Ubuntu:24.10", "Ubuntu:24.10")]
    [InlineData("Red Hat:enterprise_linux:9::baseos", "Red Hat:9")]
    [InlineData("Red Hat:enterprise_linux:8::appstream", "Red Hat:8")]
    [InlineData("Red Hat:enterprise_linux:10", "Red Hat:10")]
    [InlineData("Red Hat:rhel_eus:9.4::baseos", "Red Hat:rhel_eus:9.4::baseos")]
    [InlineData("Red Hat:enterprise_linux:9.2::baseos", "Red Hat:enterprise_linux:9.2::baseos")]
    [InlineData("Red Hat:jboss_core_services:1::el8", "Red Hat:jboss_core_services:1::el8")]
    [InlineData("Rocky Linux:9", "Rocky Linux:9")]
    public void Distro_releases_are_keyed_as_an_image_names_them(string written, string key)
        => Assert.Equal(key, EcosystemNames.NormaliseEcosystem(written));

    [Fact]
    public void The_redacted_Rust_registry_is_crates_io()
    {
        Assert.Equal("crates.io", EcosystemNames.NormaliseEcosystem("registry-crates.invalid"));
        Assert.Equal("Debian:11", EcosystemNames.NormaliseEcosystem("Debian:11"));
    }
}
