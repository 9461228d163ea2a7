using Drydock.References;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.References;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("alpine", "docker.io", "library/alpine", "latest", null)]
    [InlineData("alpine:3.19", "docker.io", "library/alpine", "3.19", null)]
    [InlineData("user/app", "docker.io", "user/app", "latest", null)]
    [InlineData("docker.io/library/debian:bookworm", "docker.io", "library/debian", "bookworm", null)]
    [InlineData("index.docker.io/library/debian", "docker.io", "library/debian", "latest", null)]
    [InlineData("localhost/app", "localhost", "app", "latest", null)]
    [InlineData("localhost:5000/a/b/c:v1", "localhost:5000", "a/b/c", "v1", null)]
    [InlineData("127.0.0.1:5000/lab/busybox:latest", "127.0.0.1:5000", "lab/busybox", "latest", null)]
    [InlineData("ghcr.io/org/img@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "org/img", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/org/img:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "org/img", "1.0", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Docker_normalisation(string text, string registry, string repository, string? tag, string? digest)
    {
        var r = RegistryReference.Parse(text);
        Assert.Equal((registry, repository, tag, digest), (r.Registry, r.Repository, r.Tag, r.Digest?.ToString()));
    }

    [Fact]
    public void Docker_hub_is_served_by_its_api_host()
    {
        Assert.Equal("registry-1.docker.io", RegistryReference.Parse("alpine").ApiHost);
        Assert.Equal("127.0.0.1:5000", RegistryReference.Parse("127.0.0.1:5000/x").ApiHost);
    }

    [Theory]
    [InlineData("")]
    [InlineData("library/UPPER")]
    [InlineData("docker.io/Library/alpine")]
    [InlineData("alpine@sha256:123")]
    [InlineData("alpine:bad tag")]
    [InlineData("alpine:-lead")]
    [InlineData("a//b")]
    [InlineData("docker:/alpine")]
    [InlineData("docker-daemon:alpine:latest")]
    [InlineData("oci:")]
    public void Bad_references_are_rejected_with_a_message(string text)
    {
        var error = Assert.ThrowsAny<DrydockInputException>(() => ImageReference.Parse(text));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Transports_parse_paths_and_selectors()
    {
        var dir = RepoPaths.Scratch("refs");
        var archive = Path.Combine(dir, "img.tar");
        File.WriteAllText(archive, "");

        var docker = ImageReference.Parse("docker://alpine:3.19");
        Assert.Equal(ImageTransport.Registry, docker.Transport);
        Assert.Equal("docker.io/library/alpine:3.19", docker.Registry!.ToString());

        var da = ImageReference.Parse($"docker-archive:{archive}");
        Assert.Equal((ImageTransport.DockerArchive, archive, (string?)null), (da.Transport, da.Path, da.Selector));
        var daSel = ImageReference.Parse($"docker-archive:{archive}:localhost/app:v1");
        Assert.Equal((archive, "localhost/app:v1"), (daSel.Path, daSel.Selector));

        var oci = ImageReference.Parse($"oci:{dir}:v2");
        Assert.Equal((ImageTransport.OciLayout, dir, "v2"), (oci.Transport, oci.Path, oci.Selector));
        var ociNoTag = ImageReference.Parse($"oci:{dir}");
        Assert.Null(ociNoTag.Selector);

        var ociArchive = ImageReference.Parse($"oci-archive:{archive}:latest");
        Assert.Equal((ImageTransport.OciArchive, archive, "latest"), (ociArchive.Transport, ociArchive.Path, ociArchive.Selector));

        var rootfs = ImageReference.Parse($"dir:{dir}");
        Assert.Equal((ImageTransport.RootFs, dir), (rootfs.Transport, rootfs.Path));
    }

    [Theory]
    [InlineData("linux/amd64", "linux", "amd64", null)]
    [InlineData("linux/arm64/v8", "linux", "arm64", "v8")]
    [InlineData("Linux/ARM/v7", "linux", "arm", "v7")]
    public void Platforms_parse(string text, string os, string arch, string? variant)
        => Assert.Equal(new Platform(os, arch, variant), Platform.Parse(text));

    [Fact]
    public void Platform_matching_treats_a_missing_variant_as_any_and_arm64_as_v8()
    {
        Assert.True(Platform.Parse("linux/arm64/v8").Matches(new Platform("linux", "arm64")));
        Assert.True(Platform.Parse("linux/arm").Matches(new Platform("linux", "arm", "v7")));
        Assert.False(Platform.Parse("linux/arm/v6").Matches(new Platform("linux", "arm", "v7")));
        Assert.False(Platform.Parse("linux/amd64").Matches(new Platform("windows", "amd64")));
        Assert.Throws<FormatException>(() => Platform.Parse("linux"));
    }

    [Theory]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:../../etc/passwd", false)]
    [InlineData("md5:0123456789abcdef0123456789abcdef", false)]
    [InlineData("sha256:", false)]
    [InlineData("nocolon", false)]
    public void Digests_are_validated(string text, bool valid) => Assert.Equal(valid, Digest.TryParse(text, out _));
}
