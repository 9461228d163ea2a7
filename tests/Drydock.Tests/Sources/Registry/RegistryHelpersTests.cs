using System.Net.Http.Headers;
using Drydock.Sources.Registry;

namespace Drydock.Tests.Sources.Registry;

public sealed class RegistryHelpersTests
{
    [Fact]
    public void ParsesABearerChallenge()
    {
        var c = AuthChallenge.Parse("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"")!;
        Assert.True(c.IsBearer);
        Assert.Equal("https://auth.example/token", c["realm"]);
        Assert.Equal("registry.example", c["service"]);
        Assert.Equal("repository:a/b:pull,push", c["scope"]);
        Assert.True(AuthChallenge.Parse("Basic realm=x")!.IsBasic);
    }

    [Theory]
    [InlineData("docker.io", "https://index.docker.io/v1/")]
    [InlineData("registry-1.docker.io", "https://index.docker.io/v1/")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    public void MapsRegistriesToDockerConfigKeys(string registry, string key)
        => Assert.Equal(key, DockerCredentialStore.ServerKey(registry));

    [Theory]
    [InlineData("https://index.docker.io/v1/", "index.docker.io")]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("ghcr.io", "ghcr.io")]
    public void ReducesConfigKeysToHosts(string key, string host) => Assert.Equal(host, DockerCredentialStore.KeyHost(key));

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("127.8.9.1", true)]
    [InlineData("localhost:80", true)]
    [InlineData("[::1]:5000", true)]
    [InlineData("registry.example:5000", false)]
    [InlineData("10.0.0.1", false)]
    public void AllowsPlainHttpOnlyForLoopback(string authority, bool plain)
    {
        Assert.Equal(plain, RegistryEndpoint.AllowsPlainHttp(authority, new HashSet<string>()));
        Assert.Equal(plain ? "http" : "https", RegistryEndpoint.For(authority, new HashSet<string>()).BaseUri.Scheme);
    }

    [Fact]
    public void InsecureRegistriesMayUsePlainHttp()
        => Assert.Equal("http", RegistryEndpoint.For("registry.example:5000", new HashSet<string> { "registry.example:5000" }).BaseUri.Scheme);

    [Fact]
    public void ReadsRetryAfterAsSecondsOrDateAndCapsIt()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)), now));
        Assert.Equal(RetryDelay.Cap, RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(2)), now));
        Assert.Equal(TimeSpan.FromSeconds(10), RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(now.AddSeconds(10)), now));
        Assert.Null(RetryDelay.FromRetryAfter(null, now));
        var backoff = RetryDelay.Backoff(3, TimeSpan.FromMilliseconds(100));
        Assert.InRange(backoff.TotalMilliseconds, 400, 800);
    }

    [Fact]
    public void FollowsRelativeNextLinks()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "</v2/_catalog?last=a&n=1>; rel=\"next\"");
        var next = LinkHeader.Next(response.Headers, new Uri("http://127.0.0.1:5000/v2/_catalog?n=1"));
        Assert.Equal("http://127.0.0.1:5000/v2/_catalog?last=a&n=1", next!.AbsoluteUri);
    }
}
