using Drydock.Promotion;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Promotion;

/// <summary>The copy engine between two real registries (plain source, htpasswd destination): interruption and resume,
/// and a corrupt source blob refused while it streams.</summary>
[Collection(PromotionCollection.Name)]
public sealed class ImagePromoterTests(PromotionFixture registries)
{
    private static readonly SourceOptions Options = new() { RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 1 };

    private static RegistryClient BasicClient(RegistryServer server)
        => new(server.Host, Options, new ExplicitCredentialProvider(server.Host, new RegistryCredential(RegistryServer.User, RegistryServer.Password), null));

    /// <summary>Cancels the copy once <paramref name="after"/> blobs have landed.</summary>
    private sealed class InterruptAfter(int after, CancellationTokenSource cancel) : IPromotionObserver
    {
        public int Done;

        public void BlobDone(Descriptor blob, BlobOutcome outcome)
        {
            if (Interlocked.Increment(ref Done) == after)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public async Task An_interrupted_copy_resumes_and_moves_only_the_missing_blobs()
    {
        await using var source = new RegistryClient(registries.Source.Host, Options);
        await using var destination = BasicClient(registries.Destination);
        var repository = "resume/" + Guid.NewGuid().ToString("N")[..8];
        var root = (await source.FetchManifestAsync("test/multi", "latest", CancellationToken.None)).Parse("test/multi");
        var store = new RegistryBlobStore(source, "test/multi");

        using var cancel = new CancellationTokenSource();
        var interrupt = new InterruptAfter(2, cancel);
        var first = new ImagePromoter(destination, repository, new PromotionOptions { Parallelism = 1 }, interrupt);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.PromoteAsync(store, root, null, "v1", cancel.Token));
        Assert.Equal(2, interrupt.Done);

        // Interrupted before any manifest: the destination names nothing whose blobs could be missing.
        var missing = await Assert.ThrowsAsync<DrydockInputException>(() => destination.FetchManifestAsync(repository, "v1", CancellationToken.None));
        Assert.StartsWith("image not found", missing.Message);

        var second = await new ImagePromoter(destination, repository, new PromotionOptions { Parallelism = 1 }).PromoteAsync(store, root, null, "v1", CancellationToken.None);
        Assert.Equal(2, second.BlobsSkipped);
        Assert.True(second.BlobsCopied > 0, "the rest of the blobs must move");
        Assert.Equal(root.Digest, second.Digest);
        Assert.Equal(["linux/amd64", "linux/arm64"], second.Platforms);
        Assert.Equal(3, second.Manifests);

        // A third run finds everything.
        var third = await new ImagePromoter(destination, repository, new PromotionOptions()).PromoteAsync(store, root, null, "v1", CancellationToken.None);
        Assert.Equal((0, 0, second.BlobsCopied + second.BlobsSkipped), (third.BlobsCopied, third.BlobsMounted, third.BlobsSkipped));
        var copied = await destination.FetchManifestAsync(repository, "v1", CancellationToken.None);
        Assert.Equal(root.Bytes, copied.Bytes);
    }

    [Fact]
    public async Task A_source_blob_that_does_not_match_its_digest_is_refused_and_never_stored()
    {
        await using var corrupt = await RegistryServer.StartAsync(RegistryAuthMode.None);
        await corrupt.PushAsync($"oci:{registries.Images.OciLayout("busybox")}:latest", "bad/busybox:latest");
        await using var source = new RegistryClient(corrupt.Host, Options);
        var root = (await source.FetchManifestAsync("bad/busybox", "latest", CancellationToken.None)).Parse("bad/busybox");
        var layer = root.Manifest!.Layers!.MaxBy(l => l.Size)!;
        var path = corrupt.BlobPath(layer.Digest!);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(path, bytes);

        await using var destination = BasicClient(registries.Destination);
        var repository = "corrupt/" + Guid.NewGuid().ToString("N")[..8];
        var promoter = new ImagePromoter(destination, repository, new PromotionOptions());
        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => promoter.PromoteAsync(new RegistryBlobStore(source, "bad/busybox"), root, null, "latest", CancellationToken.None));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(layer.Digest!, error.Message);
        Assert.False(await destination.BlobExistsAsync(repository, Digest.Parse(layer.Digest!), layer.Size, CancellationToken.None));
        await Assert.ThrowsAsync<DrydockInputException>(() => destination.FetchManifestAsync(repository, "latest", CancellationToken.None));
    }
}
