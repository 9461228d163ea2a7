using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;

namespace Drydock.Promotion;

/// <summary>Copies an image into a registry repository with every digest kept: each platform of an index, each blob (config and
/// layers), and each manifest byte for byte, children by digest before the index that names them, so the destination never
/// holds a manifest whose blobs are missing. A rerun after an interruption moves only what is still missing.</summary>
/// <param name="destination">The destination registry.</param>
/// <param name="repository">The destination repository.</param>
/// <param name="options">Parallelism, index depth, mounts.</param>
/// <param name="observer">Told about each blob as it lands (may be null).</param>
public sealed class ImagePromoter(RegistryClient destination, string repository, PromotionOptions options, IPromotionObserver? observer = null)
{
    /// <summary>Copies <paramref name="root"/> (a manifest or index already read from <paramref name="source"/>) and stores it under
    /// <paramref name="tag"/>, or by its digest when <paramref name="tag"/> is null.</summary>
    /// <param name="source">The source's blobs and child manifests.</param>
    /// <param name="root">The root manifest or index, as read from the source.</param>
    /// <param name="mountFrom">The source repository when it lives on the destination's registry (mounts are tried), else null.</param>
    /// <param name="tag">The destination tag, or null.</param>
    /// <param name="cancellationToken">Stops the copy; blobs already uploaded stay, so a rerun resumes.</param>
    public async Task<PromotionResult> PromoteAsync(IBlobStore source, ManifestDocument root, string? mountFrom, string? tag, CancellationToken cancellationToken)
    {
        var tally = new PromotionTally();
        var blobs = new BlobCopier(destination, repository, source, options.Mount ? mountFrom : null);
        await CopyChildrenAsync(source, blobs, root, 0, tally, cancellationToken).ConfigureAwait(false);
        var reference = tag ?? root.Digest.ToString();
        await destination.PutManifestAsync(repository, reference, root.Bytes, root.MediaType, cancellationToken).ConfigureAwait(false);
        tally.AddManifest();
        var separator = tag is null ? "@" : ":";
        return new PromotionResult($"{destination.Endpoint.Registry}/{repository}{separator}{reference}", root.Digest, root.MediaType, tally.Manifests,
            tally.Platforms, tally.Copied, tally.Mounted, tally.Skipped, tally.Foreign, tally.Bytes);
    }

    /// <summary>Everything <paramref name="document"/> names, stored before the document itself is.</summary>
    private async Task CopyChildrenAsync(IBlobStore source, BlobCopier blobs, ManifestDocument document, int depth, PromotionTally tally, CancellationToken cancellationToken)
    {
        if (document.Manifest is { } manifest)
        {
            List<Descriptor> named = manifest.Config is null ? [] : [manifest.Config];
            named.AddRange(manifest.Layers ?? []);
            await CopyBlobsAsync(blobs, named, tally, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (depth >= options.MaxIndexDepth)
        {
            throw new HostileInputException($"{source.Name}: indexes nested deeper than {options.MaxIndexDepth} levels");
        }

        foreach (var entry in document.Index?.Manifests ?? [])
        {
            var digest = ParseDigest(source, entry);
            var bytes = await source.ReadManifestAsync(entry, cancellationToken).ConfigureAwait(false);
            var child = ManifestDocument.Parse(bytes, entry.MediaType, $"{source.Name}@{digest}");
            await CopyChildrenAsync(source, blobs, child, depth + 1, tally, cancellationToken).ConfigureAwait(false);
            await destination.PutManifestAsync(repository, digest.ToString(), bytes, child.MediaType, cancellationToken).ConfigureAwait(false);
            tally.AddManifest();
            if (child.Manifest is not null)
            {
                tally.AddPlatform(PlatformOf(entry.Platform));
            }
        }
    }

    private async Task CopyBlobsAsync(BlobCopier blobs, IReadOnlyList<Descriptor> descriptors, PromotionTally tally, CancellationToken cancellationToken)
    {
        var pending = new List<(Descriptor Blob, Digest Digest)>();
        foreach (var blob in descriptors)
        {
            if (IsForeign(blob))
            {
                tally.AddForeign();
                continue;
            }

            var digest = ParseDigest(null, blob);
            if (tally.Claim(digest.ToString()))
            {
                pending.Add((blob, digest));
            }
        }

        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var outcome = await blobs.CopyAsync(item.Blob, item.Digest, ct).ConfigureAwait(false);
                tally.Add(outcome, item.Blob.Size);
                observer?.BlobDone(item.Blob, outcome);
            }).ConfigureAwait(false);
    }

    // Foreign (Windows base) and non-distributable layers stay where their URLs point; registries accept manifests naming them.
    private static bool IsForeign(Descriptor blob)
        => blob.Urls is { Length: > 0 }
            && (blob.MediaType == MediaTypes.DockerForeignLayerGzip || blob.MediaType?.Contains(".nondistributable.", StringComparison.Ordinal) == true);

    private static Digest ParseDigest(IBlobStore? source, Descriptor descriptor)
        => Digest.TryParse(descriptor.Digest, out var digest)
            ? digest
            : throw new DrydockInputException($"{source?.Name ?? "manifest"}: invalid digest '{descriptor.Digest}'");

    private static string PlatformOf(PlatformSpec? platform)
        => platform is { Os: { Length: > 0 } os, Architecture: { Length: > 0 } arch }
            ? platform.Variant is { Length: > 0 } variant ? $"{os}/{arch}/{variant}" : $"{os}/{arch}"
            : "unknown";
}
