using System.Text;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.Registry;

[Collection(RegistryCollection.Name)]
public sealed class RegistryAuthTests(RegistryFixture registries) : IDisposable
{
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 2 };
    private static readonly RegistryCredential Good = new(RegistryServer.User, RegistryServer.Password);
    private readonly string _scratch = RepoPaths.Scratch("registry-auth");

    private SourceOptions NoConfig => Options with { DockerConfigDirectory = Path.Combine(_scratch, "no-config") };

    private static async Task OpenAndReadConfigAsync(string reference, SourceOptions options, RegistryImageSource? source = null)
    {
        await using var image = await (source ?? new RegistryImageSource()).OpenAsync(ImageReference.Parse("docker://" + reference), options, CancellationToken.None);
        Assert.Single(image.Layers);
        await using var blob = await image.Layers[0].OpenAsync(CancellationToken.None);
        await blob.CopyToAsync(Stream.Null);
    }

    private string WriteDockerConfig(string json)
    {
        var dir = Path.Combine(_scratch, "docker-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.json"), json);
        return dir;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task BasicAuthWithAnExplicitCredential()
        => await OpenAndReadConfigAsync($"{registries.Basic.Host}/test/busybox:latest", NoConfig with { Credential = Good });

    [Fact]
    public async Task BasicAuthFromADockerConfigAuthsEntry()
    {
        var auth = Base64($"{RegistryServer.User}:{RegistryServer.Password}");
        var config = WriteDockerConfig("{\"auths\":{\"http://" + registries.Basic.Host + "\":{\"auth\":\"" + auth + "\"}}}");
        await OpenAndReadConfigAsync($"{registries.Basic.Host}/test/busybox:latest", Options with { DockerConfigDirectory = config });
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task BasicAuthFromACredentialHelper()
    {
        var bin = Path.Combine(_scratch, "bin");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(_scratch, "helper.log");
        var helper = Path.Combine(bin, "docker-credential-drydocktest");
        File.WriteAllText(helper, $$"""
            #!/bin/sh
            read server
            echo "$1 $server" >> {{log}}
            if [ "$server" = "{{registries.Basic.Host}}" ]; then
              printf '{"ServerURL":"%s","Username":"{{RegistryServer.User}}","Secret":"{{RegistryServer.Password}}"}' "$server"
            else
              echo "credentials not found in native keychain"; exit 1
            fi
            """.Replace("\r", ""));
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = WriteDockerConfig("{\"credHelpers\":{\"" + registries.Basic.Host + "\":\"drydocktest\"}}");
        await OpenAndReadConfigAsync($"{registries.Basic.Host}/test/busybox:latest", Options with { DockerConfigDirectory = config },
            new RegistryImageSource([bin]));
        Assert.Equal($"get {registries.Basic.Host}", File.ReadAllLines(log).Single());
    }

    [Fact]
    public async Task AWrongPasswordIsDeniedAndNoCredentialIsRequired()
    {
        var denied = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAndReadConfigAsync(
            $"{registries.Basic.Host}/test/busybox:latest", NoConfig with { Credential = Good with { Secret = "wrong" } }));
        Assert.StartsWith($"authentication denied for {registries.Basic.Host}/test/busybox", denied.Message);
        var required = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAndReadConfigAsync($"{registries.Basic.Host}/test/busybox:latest", NoConfig));
        Assert.StartsWith($"authentication required for {registries.Basic.Host}/test/busybox", required.Message);
    }

    [Fact]
    public async Task BearerTokensAreFetchedOnceAndReused()
    {
        var before = registries.Token.Tokens!.Requests;
        await OpenAndReadConfigAsync($"{registries.Token.Host}/test/busybox:latest", NoConfig with { Credential = Good });
        // One client: manifest, config and layer all share the repository:test/busybox:pull token.
        Assert.Equal(1, registries.Token.Tokens.Requests - before);
    }

    [Fact]
    public async Task ABearerTokenRequestWithAWrongPasswordIsDenied()
    {
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAndReadConfigAsync(
            $"{registries.Token.Host}/test/busybox:latest", NoConfig with { Credential = Good with { Secret = "wrong" } }));
        Assert.StartsWith($"authentication denied for {registries.Token.Host}/test/busybox", e.Message);
    }

    [Fact]
    public async Task CredentialsForAnotherRegistryAreNotSent()
    {
        using var server = RegistryScriptedServer.Start(c => RegistryScriptedServer.RespondAsync(c, 401, "{}"u8.ToArray(), "application/json",
            new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"scripted\"" }));
        var config = WriteDockerConfig("{\"auths\":{\"" + registries.Basic.Host + "\":{\"username\":\"" + RegistryServer.User + "\",\"password\":\"" + RegistryServer.Password + "\"}}}");
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAndReadConfigAsync(
            $"{server.Host}/test/busybox:latest",
            Options with { DockerConfigDirectory = config, Credential = null }));
        Assert.StartsWith($"authentication required for {server.Host}/test/busybox", e.Message);

        // An explicit credential belongs to the registry of the reference only.
        var provider = new ExplicitCredentialProvider(registries.Basic.Host, Good, null);
        await using var client = new RegistryClient(server.Host, Options, provider);
        await Assert.ThrowsAsync<DrydockInputException>(() => client.FetchManifestAsync("test/busybox", "latest", CancellationToken.None));
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task ABlobRedirectToAnotherHostCarriesNoCredentials()
    {
        using var storage = RegistryScriptedServer.Start(c => RegistryScriptedServer.ProxyAsync(c, $"http://{registries.Plain.Host}"));
        var expected = "Basic " + Base64($"{RegistryServer.User}:{RegistryServer.Password}");
        using var front = RegistryScriptedServer.Start(c =>
        {
            if (c.Request.Headers["Authorization"] != expected)
            {
                return RegistryScriptedServer.RespondAsync(c, 401, null, null, new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"front\"" });
            }

            return c.Request.RawUrl!.Contains("/blobs/")
                ? RegistryScriptedServer.RespondAsync(c, 307, null, null, new Dictionary<string, string> { ["Location"] = $"http://{storage.Host}{c.Request.RawUrl}" })
                : RegistryScriptedServer.ProxyAsync(c, $"http://{registries.Plain.Host}");
        });

        await OpenAndReadConfigAsync($"{front.Host}/test/busybox:latest", NoConfig with { Credential = Good });
        Assert.Contains(front.Requests, r => r.Authorization == expected);
        Assert.Equal(2, storage.Requests.Count(r => r.Path.Contains("/blobs/")));
        Assert.All(storage.Requests, r => Assert.Null(r.Authorization));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
