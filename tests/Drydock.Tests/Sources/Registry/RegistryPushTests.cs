using System.Net;
using System.Text;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.Registry;

/// <summary>The client's write side (HEAD, blob upload, manifest PUT) against a real token-auth registry and a lying one.</summary>
public sealed class RegistryPushTests : IAsyncLifetime
{
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 1 };
    private RegistryServer _token = null!;

    public async Task InitializeAsync() => _token = await RegistryServer.StartAsync(RegistryAuthMode.Token);

    public async Task DisposeAsync() => await _token.DisposeAsync();

    [Fact]
    public async Task Blobs_and_a_manifest_round_trip_through_a_token_registry()
    {
        var credentials = new ExplicitCredentialProvider(_token.Host, new RegistryCredential(RegistryServer.User, RegistryServer.Password), null);
        await using var client = new RegistryClient(_token.Host, Options, credentials);
        var blob = Encoding.UTF8.GetBytes("{}");
        var digest = Digest.Sha256Of(blob);
        Assert.False(await client.BlobExistsAsync("push/test", digest, blob.Length, CancellationToken.None));
        await client.UploadBlobAsync("push/test", digest, blob, CancellationToken.None);
        Assert.True(await client.BlobExistsAsync("push/test", digest, blob.Length, CancellationToken.None));
        Assert.False(await client.BlobExistsAsync("push/test", digest, blob.Length + 1, CancellationToken.None));

        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"artifactType\":\"application/vnd.example.test\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"{digest}\",\"size\":2}},\"layers\":[]}}");
        var stored = await client.PutManifestAsync("push/test", "v1", manifest, MediaTypes.OciManifest, CancellationToken.None);
        var fetched = await client.FetchManifestAsync("push/test", "v1", CancellationToken.None);
        Assert.Equal(stored, fetched.Digest);
        Assert.Equal(manifest, fetched.Bytes);
    }

    [Fact]
    public async Task A_registry_that_announces_another_digest_for_an_upload_is_refused()
    {
        using var liar = RegistryScriptedServer.Start(async context =>
        {
            var path = context.Request.Url!.AbsolutePath;
            if (context.Request.HttpMethod == "POST")
            {
                await RegistryScriptedServer.RespondAsync(context, 202, headers: new Dictionary<string, string> { ["Location"] = "/v2/x/blobs/uploads/abc?_state=1" });
                return;
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            await RegistryScriptedServer.RespondAsync(context, (int)HttpStatusCode.Created,
                headers: new Dictionary<string, string> { ["Docker-Content-Digest"] = "sha256:" + new string('0', 64) });
        });
        await using var client = new RegistryClient(liar.Host, Options);
        var blob = Encoding.UTF8.GetBytes("chunk");
        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => client.UploadBlobAsync("x", Digest.Sha256Of(blob), blob, CancellationToken.None));
        Assert.Contains("upload of", error.Message);
        Assert.Contains(liar.Requests, r => r.Path.StartsWith("/v2/x/blobs/uploads/abc?_state=1&digest=sha256%3A", StringComparison.Ordinal));
    }
}
