using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Tests.Support;

/// <summary>Writes an OCI layout whose image is built FROM another layout's image: its layers byte for byte, plus new layers
/// on top, with optional manifest annotations and config labels (as a Dockerfile FROM + RUN would, without a daemon).</summary>
public static class DerivedLayout
{
    /// <summary>Writes <paramref name="directory"/> with tag <paramref name="tag"/>; returns the new manifest's digest.</summary>
    public static string Write(string fromLayout, string directory, string tag, IReadOnlyList<byte[]> layerTars,
        IReadOnlyDictionary<string, string>? annotations = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var sourceBlobs = Path.Combine(fromLayout, "blobs", "sha256");
        foreach (var file in Directory.GetFiles(sourceBlobs))
        {
            var target = Path.Combine(blobs, Path.GetFileName(file));
            if (!File.Exists(target))
            {
                File.Copy(file, target);
            }
        }

        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(fromLayout, "index.json")))!["manifests"]![0]!;
        var manifest = JsonNode.Parse(File.ReadAllText(BlobPath(sourceBlobs, root["digest"]!.GetValue<string>())))!.AsObject();
        var config = JsonNode.Parse(File.ReadAllText(BlobPath(sourceBlobs, manifest["config"]!["digest"]!.GetValue<string>())))!.AsObject();
        var layers = manifest["layers"]!.AsArray();
        var diffIds = config["rootfs"]!["diff_ids"]!.AsArray();
        var history = config["history"] as JsonArray ?? [];
        foreach (var tar in layerTars)
        {
            var gz = OciLayoutWriter.Gzip(tar);
            layers.Add(OciLayoutWriter.Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", OciLayoutWriter.Blob(blobs, gz), gz.Length));
            diffIds.Add("sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar)));
            history.Add(new JsonObject { ["created"] = "2024-01-01T00:00:00Z", ["created_by"] = "derived test layer" });
        }

        config["history"] = history;
        if (labels is not null)
        {
            var configSection = config["config"] as JsonObject ?? [];
            var existing = configSection["Labels"] as JsonObject ?? [];
            foreach (var (key, value) in labels)
            {
                existing[key] = value;
            }

            configSection["Labels"] = existing;
            config["config"] = configSection;
        }

        var configBytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        manifest["config"] = OciLayoutWriter.Descriptor("application/vnd.oci.image.config.v1+json", OciLayoutWriter.Blob(blobs, configBytes), configBytes.Length);
        if (annotations is not null)
        {
            manifest["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        }

        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var digest = OciLayoutWriter.Blob(blobs, manifestBytes);
        var entry = OciLayoutWriter.Descriptor("application/vnd.oci.image.manifest.v1+json", digest, manifestBytes.Length);
        entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        File.WriteAllText(Path.Combine(directory, "index.json"), new JsonObject { ["schemaVersion"] = 2, ["manifests"] = new JsonArray(entry) }.ToJsonString());
        return digest;
    }

    private static string BlobPath(string blobs, string digest) => Path.Combine(blobs, digest["sha256:".Length..]);
}
