using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;

namespace Drydock.Catalog;

/// <summary>Reads what the catalog records about a registry image: for an index, every platform's manifest; for each,
/// the manifest digest, platform, ordered diff-IDs and creation time (manifests and configs only, never layers).
/// <paramref name="tagPageSize"/> asks the registry for tag pages of that size (the registry's default when null).</summary>
public sealed class BaseImageResolver(RegistryImageSource registry, SourceOptions options, int? tagPageSize = null)
{
    /// <summary>Resolves <paramref name="reference"/> (tag or digest).</summary>
    public async Task<ResolvedBase> ResolveAsync(RegistryReference reference, CancellationToken cancellationToken)
    {
        await using var client = new RegistryClient(reference.Registry, options, registry.CredentialsFor(reference.Registry, options));
        return await ResolveAsync(client, reference, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every tag of <paramref name="repository"/> (<c>registry/path</c>), followed through the registry's pages, each resolved.</summary>
    public async IAsyncEnumerable<ResolvedBase> ResolveRepositoryAsync(RegistryReference repository,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var client = new RegistryClient(repository.Registry, options, registry.CredentialsFor(repository.Registry, options));
        var tags = new List<string>();
        await foreach (var tag in client.ListTagsAsync(repository.Repository, tagPageSize, cancellationToken).ConfigureAwait(false))
        {
            tags.Add(tag);
        }

        foreach (var tag in tags.Order(StringComparer.Ordinal))
        {
            yield return await ResolveAsync(client, repository.WithReference(tag, null), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ResolvedBase> ResolveAsync(RegistryClient client, RegistryReference reference, CancellationToken cancellationToken)
    {
        var display = reference.ToString();
        var fetched = await client.FetchManifestAsync(reference.Repository, reference.ManifestReference, cancellationToken).ConfigureAwait(false);
        var root = fetched.Parse(display);
        var store = new RegistryBlobStore(client, reference.Repository);
        var image = ImageReference.ForRegistry(reference);
        var repository = $"{reference.Registry}/{reference.Repository}";
        var images = new List<BaseImage>();
        if (root.Index is { } index)
        {
            var entries = (index.Manifests ?? [])
                .Where(m => m.Platform is { Os: not (null or "unknown"), Architecture: not (null or "unknown") } && MediaTypes.IsImageManifest(m.MediaType))
                .ToList();
            if (entries.Count == 0)
            {
                throw new DrydockInputException($"{display}: the index lists no platform images");
            }

            foreach (var entry in entries)
            {
                if (entry.Size > options.MaxManifestBytes)
                {
                    throw new HostileInputException($"{display}: manifest {entry.Digest} is {entry.Size} bytes, over the {options.MaxManifestBytes}-byte limit");
                }

                var bytes = await store.ReadManifestAsync(entry, cancellationToken).ConfigureAwait(false);
                var child = ManifestDocument.Parse(bytes, entry.MediaType, $"{display}@{entry.Digest}");
                var read = await ReadAsync(image, store, child, repository, root.Digest.ToString(), cancellationToken).ConfigureAwait(false);

                // The index entry names the platform the image is served for (its config may say otherwise).
                images.Add(read with { Platform = new Platform(entry.Platform!.Os!, entry.Platform.Architecture!, entry.Platform.Variant).ToString() });
            }
        }
        else
        {
            images.Add(await ReadAsync(image, store, root, repository, null, cancellationToken).ConfigureAwait(false));
        }

        return new ResolvedBase(repository, root.Digest.ToString(), reference.Digest is null ? reference.Tag : null, images);
    }

    private async Task<BaseImage> ReadAsync(ImageReference reference, IBlobStore store, ManifestDocument document, string repository, string? indexDigest,
        CancellationToken cancellationToken)
    {
        var resolved = await ManifestResolver.ResolveAsync(reference, store, document, options, cancellationToken).ConfigureAwait(false);
        return new BaseImage
        {
            Repository = repository,
            ManifestDigest = document.Digest.ToString(),
            IndexDigest = indexDigest,
            Platform = resolved.Platform.ToString(),
            DiffIds = [.. resolved.Layers.Select(l => l.DiffId!.Value.ToString())],
            Created = resolved.Config.Created,
        };
    }
}
