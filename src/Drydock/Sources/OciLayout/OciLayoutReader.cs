using System.Text.Json;
using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.OciLayout;

/// <summary>Opens one image from an OCI image layout in any storage: checks <c>oci-layout</c>, reads
/// <c>index.json</c>, selects by the <c>org.opencontainers.image.ref.name</c> annotation and resolves through
/// <see cref="ManifestResolver"/>.</summary>
internal static class OciLayoutReader
{
    /// <summary>The annotation naming an image in a layout.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private const long MaxLayoutFileBytes = 64 * 1024;

    public static async Task<ManifestImage> OpenAsync(ImageReference reference, IOciLayoutStorage storage, SourceOptions options, CancellationToken cancellationToken)
    {
        var layoutBytes = await ReadFileAsync(storage, "oci-layout", MaxLayoutFileBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new DrydockInputException($"{storage.Name}: not an OCI image layout (no oci-layout file)");
        CheckLayoutVersion(layoutBytes, storage.Name);

        var indexBytes = await ReadFileAsync(storage, "index.json", options.MaxManifestBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new DrydockInputException($"{storage.Name}: not an OCI image layout (no index.json)");
        var indexDocument = ManifestDocument.Parse(indexBytes, MediaTypes.OciIndex, $"{storage.Name}/index.json");
        var index = indexDocument.Index ?? throw new DrydockInputException($"{storage.Name}: index.json is not an image index");

        var store = new OciLayoutBlobStore(storage, options);
        var selected = Select(index, reference.Selector, storage.Name);
        ManifestDocument root;
        if (selected.Count == 1)
        {
            var bytes = await store.ReadManifestAsync(selected[0], cancellationToken).ConfigureAwait(false);
            root = ManifestDocument.Parse(bytes, selected[0].MediaType, $"{storage.Name}@{selected[0].Digest}");
        }
        else
        {
            // Several entries under one name (one per platform): let the resolver choose the platform.
            root = indexDocument with { Index = index with { Manifests = selected } };
        }

        return await ManifestResolver.ResolveAsync(reference, store, root, options, cancellationToken).ConfigureAwait(false);
    }

    private static List<Descriptor> Select(ImageIndex index, string? tag, string name)
    {
        var images = (index.Manifests ?? [])
            .Where(m => MediaTypes.IsImageManifest(m.MediaType) || MediaTypes.IsIndex(m.MediaType))
            .ToList();
        if (images.Count == 0)
        {
            throw new DrydockInputException($"{name}: the layout holds no image");
        }

        var names = images.Select(RefName).Distinct(StringComparer.Ordinal).ToList();
        if (tag is null)
        {
            if (names.Count > 1)
            {
                throw new DrydockInputException($"{name}: the layout holds {names.Count} images ({Describe(names)}); choose one with {name}:TAG");
            }

            return images;
        }

        var matches = images.Where(m => RefName(m) == tag).ToList();
        if (matches.Count == 0)
        {
            throw new DrydockInputException($"{name}: no image tagged '{tag}' in the layout (available: {Describe(names)})");
        }

        return matches;
    }

    private static string RefName(Descriptor d) => d.Annotations?.GetValueOrDefault(RefNameAnnotation) ?? "";

    private static string Describe(List<string> names)
        => string.Join(", ", names.Select(n => n.Length == 0 ? "(untagged)" : n).Order(StringComparer.Ordinal).Take(20));

    private static void CheckLayoutVersion(byte[] bytes, string name)
    {
        string? version = null;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("imageLayoutVersion", out var v) && v.ValueKind == JsonValueKind.String)
            {
                version = v.GetString();
            }
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{name}: the oci-layout file is not valid JSON", e);
        }

        if (version is null || !version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new DrydockInputException($"{name}: unsupported OCI layout version '{version ?? "none"}' (expected 1.x)");
        }
    }

    private static async Task<byte[]?> ReadFileAsync(IOciLayoutStorage storage, string path, long maxBytes, CancellationToken cancellationToken)
    {
        var file = await storage.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return null;
        }

        await using var stream = file.Stream;
        if (file.Length > maxBytes)
        {
            throw new HostileInputException($"{storage.Name}: {path} is {file.Length} bytes, over the {maxBytes}-byte limit");
        }

        return await VerifyingStream.ReadAllAsync(stream, maxBytes, $"{storage.Name}: {path}", cancellationToken).ConfigureAwait(false);
    }
}
