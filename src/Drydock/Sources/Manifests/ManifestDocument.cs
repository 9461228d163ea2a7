using System.Text.Json;
using Drydock.References;

namespace Drydock.Sources.Manifests;

/// <summary>A manifest or index as fetched: raw bytes, their digest and the parsed document.</summary>
public sealed record ManifestDocument(byte[] Bytes, Digest Digest, string MediaType, ImageManifest? Manifest, ImageIndex? Index)
{
    /// <summary>Parses raw manifest bytes. The media type comes from the transport (Content-Type or descriptor)
    /// and else from the document; Docker schema 1 is refused.</summary>
    public static ManifestDocument Parse(byte[] bytes, string? declaredMediaType, string what)
    {
        ManifestProbe probe;
        try
        {
            probe = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ManifestProbe)
                ?? throw new DrydockInputException($"{what}: the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{what}: the manifest is not valid JSON ({e.Message.Split('.')[0]})", e);
        }

        var mediaType = NormaliseMediaType(declaredMediaType) ?? probe.MediaType;
        if (MediaTypes.IsSchema1(mediaType) || MediaTypes.IsSchema1(probe.MediaType) || probe.SchemaVersion == 1 || probe.FsLayers is not null)
        {
            throw new DrydockInputException($"{what}: Docker schema 1 manifests are not supported (deprecated since 2017); push the image again with a current client");
        }

        if (mediaType is null or "application/json" or "application/octet-stream" or "text/plain")
        {
            mediaType = probe.Manifests is not null ? MediaTypes.OciIndex : probe.Layers is not null ? MediaTypes.OciManifest : null;
        }

        var digest = Digest.Sha256Of(bytes);
        try
        {
            if (MediaTypes.IsIndex(mediaType))
            {
                var index = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ImageIndex)!;
                return new ManifestDocument(bytes, digest, mediaType!, null, index);
            }

            if (MediaTypes.IsImageManifest(mediaType))
            {
                var manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.ImageManifest)!;
                return new ManifestDocument(bytes, digest, mediaType!, manifest, null);
            }
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{what}: the manifest does not match its media type ({e.Message.Split('.')[0]})", e);
        }

        throw new DrydockInputException($"{what}: unsupported manifest media type '{mediaType ?? "none"}'");
    }

    private static string? NormaliseMediaType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return null;
        }

        var semicolon = mediaType.IndexOf(';');
        return (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();
    }
}
