using System.Text.Json;
using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources;

/// <summary>Turns a root manifest or index into an opened image: picks the platform, reads the config,
/// checks that layers and diff-IDs agree. Shared by every content-addressed backend.</summary>
public static class ManifestResolver
{
    /// <summary>Resolves <paramref name="root"/> (manifest or index) against <paramref name="store"/>.</summary>
    public static async Task<ManifestImage> ResolveAsync(
        ImageReference reference, IBlobStore store, ManifestDocument root, SourceOptions options, CancellationToken cancellationToken)
    {
        var document = root;
        for (var depth = 0; document.Index is not null; depth++)
        {
            if (depth >= 4)
            {
                throw new HostileInputException($"{store.Name}: image indexes nested more than 4 deep");
            }

            var child = SelectPlatform(document.Index, options.Platform, store.Name);
            if (!Digest.TryParse(child.Digest, out _))
            {
                throw new DrydockInputException($"{store.Name}: index entry has an invalid digest '{child.Digest}'");
            }

            if (child.Size > options.MaxManifestBytes)
            {
                throw new HostileInputException($"{store.Name}: manifest {child.Digest} is {child.Size} bytes, over the {options.MaxManifestBytes}-byte limit");
            }

            var bytes = await store.ReadManifestAsync(child, cancellationToken).ConfigureAwait(false);
            document = ManifestDocument.Parse(bytes, child.MediaType, $"{store.Name}@{child.Digest}");
        }

        var manifest = document.Manifest!;
        if (manifest.Config is null || !Digest.TryParse(manifest.Config.Digest, out var configDigest))
        {
            throw new DrydockInputException($"{store.Name}: the manifest has no valid config descriptor");
        }

        if (manifest.Config.Size > options.MaxConfigBytes)
        {
            throw new HostileInputException($"{store.Name}: config blob is {manifest.Config.Size} bytes, over the {options.MaxConfigBytes}-byte limit");
        }

        byte[] configBytes;
        await using (var stream = await store.OpenBlobAsync(manifest.Config, cancellationToken).ConfigureAwait(false))
        {
            configBytes = await VerifyingStream.ReadAllAsync(stream, options.MaxConfigBytes, $"config {configDigest}", cancellationToken).ConfigureAwait(false);
        }

        var config = ParseConfig(configBytes, store.Name);
        var layerDescriptors = manifest.Layers ?? [];
        var layers = BuildLayers(layerDescriptors, config, store);
        var platform = new Platform(config.Os ?? "linux", config.Architecture ?? "unknown", config.Variant);
        return new ManifestImage(reference, document.Digest, configDigest, document.MediaType, platform, config,
            manifest.Annotations ?? new Dictionary<string, string>(), layers);
    }

    /// <summary>Parses a config blob, refusing anything that is not an image config.</summary>
    public static ImageConfigFile ParseConfig(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ImageConfigFile)
                ?? throw new DrydockInputException($"{what}: the image config is empty");
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{what}: the image config is not valid ({e.Message.Split('.')[0]})", e);
        }
    }

    /// <summary>Builds layers from descriptors and the config's diff-IDs, which must agree in number.</summary>
    public static IReadOnlyList<ILayer> BuildLayers(IReadOnlyList<Descriptor> descriptors, ImageConfigFile config, IBlobStore store)
    {
        var diffIds = config.RootFs?.DiffIds ?? [];
        if (diffIds.Count != descriptors.Count)
        {
            throw new DrydockInputException($"{store.Name}: the manifest lists {descriptors.Count} layers but the config has {diffIds.Count} diff-IDs");
        }

        var layers = new List<ILayer>(descriptors.Count);
        for (var i = 0; i < descriptors.Count; i++)
        {
            var d = descriptors[i];
            if (!Digest.TryParse(d.Digest, out var digest))
            {
                throw new DrydockInputException($"{store.Name}: layer {i} has an invalid digest '{d.Digest}'");
            }

            if (!Digest.TryParse(diffIds[i], out var diffId))
            {
                throw new DrydockInputException($"{store.Name}: diff-ID {i} is invalid: '{diffIds[i]}'");
            }

            if (!MediaTypes.IsLayer(d.MediaType))
            {
                throw new DrydockInputException($"{store.Name}: layer {i} has media type '{d.MediaType}', which is not a filesystem layer");
            }

            layers.Add(new BlobLayer(i, d, digest, diffId, store));
        }

        return layers;
    }

    /// <summary>Chooses the index entry for the requested platform (default linux/amd64, else the host's).</summary>
    public static Descriptor SelectPlatform(ImageIndex index, Platform? requested, string what)
    {
        var entries = (index.Manifests ?? [])
            .Where(m => m.Platform is not null && m.Platform.Os != "unknown" && m.Platform.Architecture != "unknown")
            .ToList();
        if (entries.Count == 0)
        {
            // An index without platforms (for example a single-image OCI layout): take its only image manifest.
            var images = (index.Manifests ?? []).Where(m => MediaTypes.IsImageManifest(m.MediaType) || MediaTypes.IsIndex(m.MediaType)).ToList();
            if (images.Count == 1)
            {
                return images[0];
            }

            throw new DrydockInputException($"{what}: the index has {images.Count} images and no platform information to choose from");
        }

        var wanted = requested is null ? new[] { Platform.LinuxAmd64, Platform.Host } : [requested];
        foreach (var platform in wanted)
        {
            var match = entries.FirstOrDefault(e => platform.Matches(ToPlatform(e.Platform!)));
            if (match is not null)
            {
                return match;
            }
        }

        var available = string.Join(", ", entries.Select(e => ToPlatform(e.Platform!).ToString()).Distinct());
        throw new DrydockInputException($"{what}: no image for platform {wanted[0]} (available: {available}); choose one with --platform");
    }

    private static Platform ToPlatform(PlatformSpec spec) => new(spec.Os ?? "", spec.Architecture ?? "", spec.Variant);
}
