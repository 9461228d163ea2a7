using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Drydock.Tests.Fixtures;

/// <summary>Three real registries on loopback (plain, htpasswd, token) with the test images pushed by skopeo:
/// test/busybox (OCI manifest; tags latest, v2, v3), test/busybox-docker (Docker schema 2) and test/multi
/// (an index of linux/amd64 busybox and linux/arm64 layered), the first also on the two auth registries.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public RegistryServer Plain { get; private set; } = null!;
    public RegistryServer Basic { get; private set; } = null!;
    public RegistryServer Token { get; private set; } = null!;

    /// <summary>The images pushed.</summary>
    public TestImages Images { get; } = new();

    public async Task InitializeAsync()
    {
        await Images.EnsureAsync("busybox");
        await Images.EnsureAsync("layered");
        var servers = await Task.WhenAll(
            RegistryServer.StartAsync(RegistryAuthMode.None),
            RegistryServer.StartAsync(RegistryAuthMode.Htpasswd),
            RegistryServer.StartAsync(RegistryAuthMode.Token));
        (Plain, Basic, Token) = (servers[0], servers[1], servers[2]);
        var busybox = $"oci:{Images.OciLayout("busybox")}:latest";
        await Plain.PushAsync(busybox, "test/busybox:latest");
        await Task.WhenAll(
            Plain.PushAsync(busybox, "test/busybox:v2"),
            Plain.PushAsync(busybox, "test/busybox:v3"),
            Plain.PushAsync($"docker-archive:{Images.DockerArchive("busybox")}", "test/busybox-docker:latest"),
            Plain.PushAsync($"oci:{await WriteIndexLayoutAsync(Images, Path.Combine(Plain.Root, "multi-oci"))}:multi", "test/multi:latest", all: true),
            Basic.PushAsync(busybox, "test/busybox:latest"),
            Token.PushAsync(busybox, "test/busybox:latest"));
    }

    /// <summary>Writes an OCI layout whose tag <c>multi</c> is an index with two platform entries: by default busybox as
    /// linux/amd64 and layered as linux/arm64, else the images named in <paramref name="platforms"/>.</summary>
    internal static async Task<string> WriteIndexLayoutAsync(TestImages images, string dir, (string Name, string Arch)[]? platforms = null)
    {
        var blobs = Path.Combine(dir, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var entries = new JsonArray();
        foreach (var (name, arch) in platforms ?? [("busybox", "amd64"), ("layered", "arm64")])
        {
            var layout = images.OciLayout(name);
            foreach (var file in Directory.GetFiles(Path.Combine(layout, "blobs", "sha256")))
            {
                var target = Path.Combine(blobs, Path.GetFileName(file));
                if (!File.Exists(target))
                {
                    File.Copy(file, target);
                }
            }

            var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json")))!["manifests"]![0]!;
            entries.Add(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = manifest["digest"]!.GetValue<string>(),
                ["size"] = manifest["size"]!.GetValue<long>(),
                ["platform"] = new JsonObject { ["architecture"] = arch, ["os"] = "linux" },
            });
        }

        var index = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = entries,
        }.ToJsonString());
        var hex = Convert.ToHexStringLower(SHA256.HashData(index));
        await File.WriteAllBytesAsync(Path.Combine(blobs, hex), index);
        await File.WriteAllTextAsync(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        await File.WriteAllTextAsync(Path.Combine(dir, "index.json"), new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.oci.image.index.v1+json",
                ["digest"] = "sha256:" + hex,
                ["size"] = index.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = "multi" },
            }),
        }.ToJsonString());
        return dir;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Plain, Basic, Token })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

/// <summary>Shares one <see cref="RegistryFixture"/> across the registry test classes.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registries";
}
