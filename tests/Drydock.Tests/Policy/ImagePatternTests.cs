using Drydock.Policy;
using Drydock.References;

namespace Drydock.Tests.Policy;

public sealed class ImagePatternTests
{
    private static bool Admits(string pattern, string image) => ImagePattern.Parse(pattern).Matches(RegistryReference.Parse(image));

    [Theory]
    [InlineData("registry.example.com", "registry.example.com/apps/web:1", true)]
    [InlineData("registry.example.com", "registry.example.com/a/b/c@sha256:0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("registry.example.com", "registry.example.com.evil.io/apps/web:1", false)]
    [InlineData("registry.example.com", "evil.io/registry.example.com/web", false)]
    [InlineData("registry.example.com", "registry.example.com:5000/apps/web", false)]
    [InlineData("registry.example.com", "sub.registry.example.com/apps/web", false)]
    [InlineData("REGISTRY.Example.COM", "registry.example.com/apps/web", true)]
    [InlineData("registry.example.com/apps/*", "registry.example.com/apps/web:1", true)]
    [InlineData("registry.example.com/apps/*", "registry.example.com/apps/team/web", false)]
    [InlineData("registry.example.com/apps/*", "registry.example.com/apps", false)]
    [InlineData("registry.example.com/apps/*", "registry.example.com/appsx/web", false)]
    [InlineData("registry.example.com/apps/*", "registry.example.com.evil.io/apps/web", false)]
    [InlineData("registry.example.com/apps/**", "registry.example.com/apps/team/web", true)]
    [InlineData("registry.example.com/apps/**", "registry.example.com/apps", false)]
    [InlineData("registry.example.com/apps/web-?", "registry.example.com/apps/web-1", true)]
    [InlineData("registry.example.com/apps/web-?", "registry.example.com/apps/web-10", false)]
    [InlineData("registry.example.com/apps/web", "registry.example.com/apps/web:2", true)]
    [InlineData("registry.example.com/apps/web", "registry.example.com/apps/web2", false)]
    [InlineData("*.example.com", "registry.example.com/apps/web", true)]
    [InlineData("*.example.com", "example.com/apps/web", false)]
    [InlineData("*.example.com", "a.b.example.com/apps/web", false)]
    [InlineData("*.example.com", "registry.example.com.evil.io/apps/web", false)]
    [InlineData("localhost:5000/x/*", "localhost:5000/x/y", true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000/test/busybox", true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1:50000/test/busybox", false)]
    [InlineData("127.0.0.1:*", "127.0.0.1:41234/test/busybox", true)]
    public void Hosts_are_compared_whole_and_globs_stay_in_their_component(string pattern, string image, bool admitted)
        => Assert.Equal(admitted, Admits(pattern, image));

    [Theory]
    [InlineData("alpine", "alpine:3.19", true)]
    [InlineData("alpine", "docker.io/library/alpine", true)]
    [InlineData("alpine", "index.docker.io/library/alpine:latest", true)]
    [InlineData("docker.io/alpine", "alpine", true)]
    [InlineData("library/*", "nginx:1.25", true)]
    [InlineData("library/*", "bitnami/nginx", false)]
    [InlineData("docker.io/*", "nginx", true)]
    [InlineData("docker.io/*", "bitnami/nginx", false)]
    [InlineData("docker.io/bitnami/*", "bitnami/nginx", true)]
    [InlineData("index.docker.io/bitnami/*", "bitnami/nginx", true)]
    [InlineData("docker.io", "bitnami/nginx", true)]
    [InlineData("docker.io/**", "bitnami/nginx", true)]
    [InlineData("alpine", "registry.example.com/library/alpine", false)]
    [InlineData("docker.io", "docker.io.evil.io/library/alpine", false)]
    public void Docker_hub_names_are_normalised_on_both_sides(string pattern, string image, bool admitted)
        => Assert.Equal(admitted, Admits(pattern, image));

    [Theory]
    [InlineData("")]
    [InlineData("registry.example.com/apps/web:1")]
    [InlineData("registry.example.com/apps/web@sha256:abc")]
    [InlineData("registry.example.com/")]
    [InlineData("registry.example.com/Apps/*")]
    [InlineData("bad host.example.com/x")]
    [InlineData("registry..example.com/x")]
    [InlineData("-bad.example.com/x")]
    public void Malformed_patterns_are_refused(string pattern)
        => Assert.Throws<FormatException>(() => ImagePattern.Parse(pattern));

    [Fact]
    public void Hostile_patterns_match_in_linear_time()
    {
        var pattern = ImagePattern.Parse("registry.example.com/" + string.Concat(Enumerable.Repeat("*a", 40)) + "b");
        Assert.False(pattern.Matches("registry.example.com", new string('a', 200)));
    }
}
