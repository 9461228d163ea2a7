using System.Text.Json;

namespace Drydock.Tests.Sources;

/// <summary>Facts read straight from an OCI layout on disk with plain JSON parsing, independent of the code under test.</summary>
public static class LayoutFacts
{
    /// <summary>The config digest of the layout's only manifest.</summary>
    public static string ConfigDigest(string layout) => Manifest(layout).GetProperty("config").GetProperty("digest").GetString()!;

    /// <summary>The diff-IDs of the layout's only image, from its config.</summary>
    public static IReadOnlyList<string> DiffIds(string layout)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(BlobPath(layout, ConfigDigest(layout))));
        return config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>The layer digests of the layout's only manifest.</summary>
    public static IReadOnlyList<string> LayerDigests(string layout)
        => Manifest(layout).GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!).ToList();

    /// <summary>The digest of the layout's only manifest.</summary>
    public static string ManifestDigest(string layout)
    {
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(layout, "index.json")));
        return index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
    }

    /// <summary>The file holding a blob.</summary>
    public static string BlobPath(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    private static JsonElement Manifest(string layout)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(BlobPath(layout, ManifestDigest(layout))));
        return manifest.RootElement.Clone();
    }
}
