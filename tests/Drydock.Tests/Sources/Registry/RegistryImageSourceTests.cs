using Drydock.Layers;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.Registry;

[Collection(RegistryCollection.Name)]
public sealed class RegistryImageSourceTests(RegistryFixture registries)
{
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 2, RequestTimeout = TimeSpan.FromSeconds(20) };

    private static Task<IImage> OpenAsync(string reference, SourceOptions? options = null, RegistryImageSource? source = null)
        => (source ?? new RegistryImageSource()).OpenAsync(ImageReference.Parse("docker://" + reference), options ?? Options, CancellationToken.None);

    private static async Task ReadAllLayersAsync(IImage image)
    {
        Assert.NotEmpty(image.Layers);
        foreach (var layer in image.Layers)
        {
            var reader = new LayerReader(await layer.OpenAsync(CancellationToken.None), layer.MediaType, layer.DiffId, InputLimits.Default, layer.Digest.ToString()!);
            var entries = 0;
            await foreach (var _ in reader.ReadAsync(CancellationToken.None))
            {
                entries++;
            }

            Assert.True(entries > 0);
            Assert.Equal(layer.DiffId, reader.Summary!.DiffId);
        }
    }

    [Fact]
    public async Task OpensAnOciManifestByTagAndByDigestAndItsLayersVerify()
    {
        await using var byTag = await OpenAsync($"{registries.Plain.Host}/test/busybox:latest");
        Assert.Equal(MediaTypes.OciManifest, byTag.ManifestMediaType);
        Assert.Single(byTag.Layers);
        Assert.Equal("amd64", byTag.Platform.Architecture);
        await ReadAllLayersAsync(byTag);

        await using var byDigest = await OpenAsync($"{registries.Plain.Host}/test/busybox@{byTag.ManifestDigest}");
        Assert.Equal(byTag.ManifestDigest, byDigest.ManifestDigest);
        Assert.Equal(byTag.ConfigDigest, byDigest.ConfigDigest);
    }

    [Fact]
    public async Task OpensADockerSchema2ManifestByTagAndByDigest()
    {
        await using var byTag = await OpenAsync($"{registries.Plain.Host}/test/busybox-docker:latest");
        Assert.Equal(MediaTypes.DockerManifest, byTag.ManifestMediaType);
        await using var byDigest = await OpenAsync($"{registries.Plain.Host}/test/busybox-docker@{byTag.ManifestDigest}");
        Assert.Equal(byTag.ManifestDigest, byDigest.ManifestDigest);
        await ReadAllLayersAsync(byDigest);
    }

    [Fact]
    public async Task SelectsThePlatformFromAnIndex()
    {
        await using var amd64 = await OpenAsync($"{registries.Plain.Host}/test/multi:latest");
        Assert.Single(amd64.Layers);
        await using var arm64 = await OpenAsync($"{registries.Plain.Host}/test/multi:latest", Options with { Platform = Platform.Parse("linux/arm64") });
        Assert.Equal(3, arm64.Layers.Count);
        await ReadAllLayersAsync(arm64);

        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"{registries.Plain.Host}/test/multi:latest", Options with { Platform = Platform.Parse("linux/s390x") }));
        Assert.Contains("linux/s390x", e.Message);
        Assert.Contains("linux/amd64, linux/arm64", e.Message);
    }

    [Fact]
    public async Task AMissingImageIsReportedAsNotFound()
    {
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"{registries.Plain.Host}/test/nothing:latest"));
        Assert.StartsWith($"image not found: {registries.Plain.Host}/test/nothing:latest", e.Message);
        var tag = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"{registries.Plain.Host}/test/busybox:nope"));
        Assert.StartsWith($"image not found: {registries.Plain.Host}/test/busybox:nope", tag.Message);
        Assert.Contains("MANIFEST_UNKNOWN", tag.Message);
    }

    [Fact]
    public async Task AnOversizedManifestIsRefused()
    {
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenAsync($"{registries.Plain.Host}/test/busybox:latest", Options with { MaxManifestBytes = 100 }));
        Assert.Contains("100-byte limit", e.Message);
    }

    [Fact]
    public async Task AnUnreachableRegistryGivesAOneLineError()
    {
        var port = RegistryServer.FreePort();
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenAsync($"127.0.0.1:{port}/test/busybox:latest"));
        Assert.StartsWith($"cannot reach registry 127.0.0.1:{port}:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
