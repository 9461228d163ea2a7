using System.Globalization;
using System.Text.Json;
using Drydock.References;
using Drydock.Sources.Archives;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.DockerArchive;

/// <summary>The <c>docker-archive:PATH[:NAME:TAG]</c> backend: the output of <c>docker save</c> (classic layout, or the
/// OCI layout Docker 25+ writes beside <c>manifest.json</c>), indexed once and never extracted. Such an archive has no
/// manifest, so <see cref="IImage.ManifestDigest"/> is null.</summary>
public sealed class DockerArchiveImageSource : IImageSource
{
    public ImageTransport Transport => ImageTransport.DockerArchive;

    public async Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        var path = reference.Path ?? throw new ArgumentException("a local reference is required", nameof(reference));
        var archive = await TarArchiveIndex.OpenAsync(path, $"docker-archive:{path}", cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenImageAsync(reference, archive, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await archive.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<IImage> OpenImageAsync(ImageReference reference, TarArchiveIndex archive, SourceOptions options, CancellationToken cancellationToken)
    {
        var manifestMember = archive.TryResolve("manifest.json", "manifest")
            ?? throw new DrydockInputException($"{archive.Name}: not a docker-archive (no manifest.json)");
        var manifestBytes = await archive.ReadAllAsync(manifestMember, options.MaxManifestBytes, "manifest.json", cancellationToken).ConfigureAwait(false);
        List<DockerArchiveManifestEntry> entries;
        try
        {
            entries = JsonSerializer.Deserialize(manifestBytes, ManifestJsonContext.Default.ListDockerArchiveManifestEntry)
                ?? throw new DrydockInputException($"{archive.Name}: manifest.json is empty");
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{archive.Name}: manifest.json is not valid ({e.Message.Split('.')[0]})", e);
        }

        var entry = Select(entries, reference.Selector, archive.Name);
        if (string.IsNullOrEmpty(entry.Config))
        {
            throw new DrydockInputException($"{archive.Name}: the manifest.json entry has no Config");
        }

        var (config, configDigest) = await ReadConfigAsync(archive, entry.Config, options, cancellationToken).ConfigureAwait(false);
        var layerNames = entry.Layers ?? [];
        var diffIds = config.RootFs?.DiffIds ?? [];
        if (diffIds.Count != layerNames.Count)
        {
            throw new DrydockInputException($"{archive.Name}: manifest.json lists {layerNames.Count} layers but the config has {diffIds.Count} diff-IDs");
        }

        var layers = new List<ILayer>(layerNames.Count);
        for (var i = 0; i < layerNames.Count; i++)
        {
            if (!Digest.TryParse(diffIds[i], out var diffId))
            {
                throw new DrydockInputException($"{archive.Name}: diff-ID {i} is invalid: '{TarArchiveIndex.Short(diffIds[i] ?? "")}'");
            }

            var member = archive.Resolve(CheckName(layerNames[i], archive.Name, $"layer {i}"), $"layer {i}");
            var prefix = await archive.ReadPrefixAsync(member, 4, cancellationToken).ConfigureAwait(false);
            var mediaType = MediaTypeOf(prefix);
            var digest = DigestFromName(member.Name, ".tar") ?? (mediaType == MediaTypes.DockerLayerTar ? diffId : null);
            layers.Add(new DockerArchiveLayer(i, digest, diffId, mediaType, member, archive));
        }

        var platform = new Platform(config.Os ?? "linux", config.Architecture ?? "unknown", config.Variant);
        return new ManifestImage(reference, null, configDigest, null, platform, config, new Dictionary<string, string>(), layers, archive);
    }

    private static DockerArchiveManifestEntry Select(List<DockerArchiveManifestEntry> entries, string? selector, string name)
    {
        if (entries.Count == 0)
        {
            throw new DrydockInputException($"{name}: manifest.json lists no image");
        }

        if (selector is null)
        {
            if (entries.Count > 1)
            {
                throw new DrydockInputException($"{name}: the archive holds {entries.Count} images ({Describe(entries)}); choose one with {name}:NAME:TAG or {name}:@INDEX");
            }

            return entries[0];
        }

        if (selector.StartsWith('@'))
        {
            if (int.TryParse(selector.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < entries.Count)
            {
                return entries[position];
            }

            throw new DrydockInputException($"{name}: no image at index {selector} (the archive holds {entries.Count})");
        }

        var wanted = DockerImageName.Normalise(selector)
            ?? throw new DrydockInputException($"{name}: '{selector}' is not a valid image name");
        var matches = entries.Where(e => (e.RepoTags ?? []).Any(t => DockerImageName.Normalise(t) == wanted)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DrydockInputException($"{name}: no image named '{selector}' in the archive (available: {Describe(entries)})"),
            _ => throw new DrydockInputException($"{name}: {matches.Count} images are named '{selector}' in the archive; choose one with {name}:@INDEX"),
        };
    }

    private static string Describe(List<DockerArchiveManifestEntry> entries)
        => string.Join(", ", entries.Select((e, i) => e.RepoTags is { Count: > 0 } tags ? string.Join(" ", tags) : $"@{i} (untagged)").Take(20));

    private static async Task<(ImageConfigFile Config, Digest Digest)> ReadConfigAsync(
        TarArchiveIndex archive, string configName, SourceOptions options, CancellationToken cancellationToken)
    {
        var member = archive.Resolve(CheckName(configName, archive.Name, "config"), "config");
        var expected = DigestFromName(member.Name, ".json");
        byte[] bytes;
        if (expected is { } digest)
        {
            if (member.Length > options.MaxConfigBytes)
            {
                throw new HostileInputException($"{archive.Name}: config is {member.Length} bytes, over the {options.MaxConfigBytes}-byte limit");
            }

            await using var stream = new VerifyingStream(archive.Open(member), digest, member.Length, $"{archive.Name}: config {digest}");
            bytes = await VerifyingStream.ReadAllAsync(stream, options.MaxConfigBytes, $"{archive.Name}: config", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A config under a name that carries no digest: its digest is whatever it hashes to.
            bytes = await archive.ReadAllAsync(member, options.MaxConfigBytes, "config", cancellationToken).ConfigureAwait(false);
        }

        return (ManifestResolver.ParseConfig(bytes, archive.Name), expected ?? Digest.Sha256Of(bytes));
    }

    /// <summary>Refuses absolute member names and names that climb out of the archive before any lookup.</summary>
    private static string CheckName(string? memberName, string name, string what)
    {
        if (string.IsNullOrEmpty(memberName))
        {
            throw new DrydockInputException($"{name}: manifest.json gives {what} no file name");
        }

        if (memberName.StartsWith('/') || ArchivePath.Normalise(memberName) is null or "")
        {
            throw new HostileInputException($"{name}: manifest.json names {what} '{TarArchiveIndex.Short(memberName)}', a path outside the archive");
        }

        return memberName;
    }

    /// <summary>The digest a content-addressed member name carries: <c>blobs/ALG/HEX</c> or <c>HEX</c> + <paramref name="extension"/>.</summary>
    private static Digest? DigestFromName(string memberName, string extension)
    {
        var parts = memberName.Split('/');
        if (parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out var blob))
        {
            return blob;
        }

        if (parts.Length == 1 && memberName.EndsWith(extension, StringComparison.Ordinal)
            && Digest.TryParse("sha256:" + memberName[..^extension.Length], out var named))
        {
            return named;
        }

        return null;
    }

    private static string MediaTypeOf(byte[] prefix) => prefix switch
    {
        [0x1f, 0x8b, ..] => MediaTypes.DockerLayerGzip,
        [0x28, 0xb5, 0x2f, 0xfd, ..] => MediaTypes.DockerLayerZstd,
        _ => MediaTypes.DockerLayerTar,
    };
}
