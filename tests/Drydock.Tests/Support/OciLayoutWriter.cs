using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Tests.Support;

/// <summary>Writes an OCI image layout (gzip layers, config, manifest, index.json) from layer tars built in a test,
/// so the CLI can scan it as <c>oci:DIR:TAG</c>.</summary>
public static class OciLayoutWriter
{
    /// <summary>Writes the layout to <paramref name="directory"/> and returns the image reference <c>oci:DIR:TAG</c>.</summary>
    public static string Write(string directory, string tag, params byte[][] layerTars)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var tar in layerTars)
        {
            var gz = Gzip(tar);
            layers.Add(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Blob(blobs, gz), gz.Length));
            diffIds.Add("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
        }

        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        }.ToJsonString());
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", Blob(blobs, config), config.Length),
            ["layers"] = layers,
        }.ToJsonString());
        var index = Descriptor("application/vnd.oci.image.manifest.v1+json", Blob(blobs, manifest), manifest.Length);
        index["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(directory, "index.json"), new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(index) }.ToJsonString());
        return $"oci:{directory}:{tag}";
    }

    internal static JsonObject Descriptor(string mediaType, string digest, long size)
        => new() { ["mediaType"] = mediaType, ["digest"] = digest, ["size"] = size };

    internal static string Blob(string blobs, byte[] content)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return "sha256:" + hex;
    }

    internal static byte[] Gzip(byte[] tar)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        return buffer.ToArray();
    }
}
