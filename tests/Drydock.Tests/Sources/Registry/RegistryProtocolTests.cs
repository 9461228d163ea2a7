using System.Text;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.Registry;

[Collection(RegistryCollection.Name)]
public sealed class RegistryProtocolTests(RegistryFixture registries)
{
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };

    private static Task<IImage> OpenAsync(string reference, SourceOptions? options = null)
        => new RegistryImageSource().OpenAsync(ImageReference.Parse("docker://" + reference), options ?? Options, CancellationToken.None);

    [Fact]
    public async Task ACorruptedBlobInTheRegistryFailsWithADigestMismatch()
    {
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        await registry.PushAsync($"oci:{registries.Images.OciLayout("busybox")}:latest", "test/corrupt:latest");
        await using var image = await OpenAsync($"{registry.Host}/test/corrupt:latest");
        var path = registry.BlobPath(image.Layers[0].Digest.ToString()!);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(path, bytes);

        await using var blob = await image.Layers[0].OpenAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<DigestMismatchException>(() => blob.CopyToAsync(Stream.Null));
        Assert.Equal(image.Layers[0].Digest, e.Expected);
    }

    [Fact]
    public async Task ASchema1ManifestIsRefused()
    {
        var schema1 = Encoding.UTF8.GetBytes("""{"schemaVersion":1,"name":"test/old","tag":"latest","architecture":"amd64","fsLayers":[{"blobSum":"sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"}],"history":[{"v1Compatibility":"{}"}],"signatures":[]}""");
        using var server = RegistryScriptedServer.Start(c => RegistryScriptedServer.RespondAsync(c, 200, schema1, MediaTypes.DockerManifestSchema1Signed));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"{server.Host}/test/old:latest"));
        Assert.Contains("schema 1", e.Message);
    }

    [Fact]
    public async Task AManifestWithoutContentLengthIsStillBounded()
    {
        using var server = RegistryScriptedServer.Start(async c =>
        {
            c.Response.StatusCode = 200;
            c.Response.ContentType = MediaTypes.OciManifest;
            c.Response.SendChunked = true;
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await c.Response.OutputStream.WriteAsync(chunk);
            }

            c.Response.Close();
        });
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenAsync($"{server.Host}/test/big:latest", Options with { MaxManifestBytes = 1024 * 1024 }));
        Assert.Contains("1048576-byte limit", e.Message);
    }

    [Fact]
    public async Task ATamperedManifestForAPinnedDigestIsRefused()
    {
        using var server = RegistryScriptedServer.Start(c => RegistryScriptedServer.RespondAsync(c, 200, """{"schemaVersion":2,"layers":[]}"""u8.ToArray(), MediaTypes.OciManifest));
        var pinned = "sha256:" + new string('a', 64);
        await Assert.ThrowsAsync<DigestMismatchException>(() => OpenAsync($"{server.Host}/test/x@{pinned}"));
    }

    [Fact]
    public async Task RetriesOn503And429HonouringRetryAfterThenSucceeds()
    {
        var failures = 0;
        var times = new System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset>();
        using var flaky = RegistryScriptedServer.Start(c =>
        {
            times.Enqueue(DateTimeOffset.UtcNow);
            switch (Interlocked.Increment(ref failures))
            {
                case 1:
                    return RegistryScriptedServer.RespondAsync(c, 503, null, null, new Dictionary<string, string> { ["Retry-After"] = "1" });
                case 2:
                    return RegistryScriptedServer.RespondAsync(c, 429, null, null,
                        new Dictionary<string, string> { ["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("R") });
                default:
                    return RegistryScriptedServer.ProxyAsync(c, $"http://{registries.Plain.Host}");
            }
        });

        await using var image = await OpenAsync($"{flaky.Host}/test/busybox:latest");
        Assert.Single(image.Layers);
        Assert.Equal(3, flaky.Requests.Count(r => r.Path.EndsWith("/manifests/latest", StringComparison.Ordinal)));
        // The 20 ms backoff alone would retry at once; the server asked for about a second each time.
        var sent = times.ToArray();
        Assert.True(sent[2] - sent[0] >= TimeSpan.FromSeconds(1.5), $"retried after {(sent[2] - sent[0]).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task GivesUpAfterMaxRetriesWithTheStatus()
    {
        using var down = RegistryScriptedServer.Start(c => RegistryScriptedServer.RespondAsync(c, 503,
            """{"errors":[{"code":"UNAVAILABLE","message":"maintenance"}]}"""u8.ToArray(), "application/json"));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"{down.Host}/test/busybox:latest", Options with { MaxRetries = 2 }));
        Assert.Contains("503", e.Message);
        Assert.Contains("UNAVAILABLE: maintenance", e.Message);
        Assert.Equal(3, down.Requests.Count);
    }

    [Fact]
    public async Task CatalogAndTagsFollowLinkPages()
    {
        await using var client = new RegistryClient(registries.Plain.Host, Options);
        var repositories = new List<string>();
        await foreach (var name in client.ListRepositoriesAsync(pageSize: 1))
        {
            repositories.Add(name);
        }

        Assert.Equal(["test/busybox", "test/busybox-docker", "test/multi"], repositories);
        var tags = new List<string>();
        await foreach (var tag in client.ListTagsAsync("test/busybox", pageSize: 1))
        {
            tags.Add(tag);
        }

        Assert.Equal(["latest", "v2", "v3"], tags);
    }

    [Fact]
    public async Task TheClientFetchesManifestsAndBlobsDirectly()
    {
        await using var client = new RegistryClient(registries.Plain.Host, Options);
        var document = await client.GetManifestAsync("test/busybox", "latest", CancellationToken.None);
        Assert.NotNull(document.Manifest);
        await using var config = await client.OpenBlobAsync("test/busybox", document.Manifest!.Config!, CancellationToken.None);
        var bytes = await VerifyingStream.ReadAllAsync(config, 1 << 20, "config", CancellationToken.None);
        Assert.Equal(document.Manifest.Config!.Size, bytes.Length);
    }
}
