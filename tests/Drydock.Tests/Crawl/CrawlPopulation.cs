using System.Text;
using System.Text.Json;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Drydock.Tests.Support;

namespace Drydock.Tests.Crawl;

/// <summary>One layer of the test population: its gzipped tar and the digests of both forms.</summary>
public sealed record PopulationLayer(string Name, byte[] Gzip, string Digest, string DiffId)
{
    public static PopulationLayer Of(string name, TarBuilder tar)
    {
        var raw = tar.Build();
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        var compressed = buffer.ToArray();
        return new(name, compressed, Drydock.References.Digest.Sha256Of(compressed).ToString(), Drydock.References.Digest.Sha256Of(raw).ToString());
    }
}

/// <summary>One image (manifest) of the test population, the tags that point at it and what a scan must find in it.</summary>
public sealed record PopulationImage(string Repository, IReadOnlyList<string> Tags, IReadOnlyList<PopulationLayer> Layers, IReadOnlyList<string>? Entrypoint,
    bool Critical, bool High, string? Harmful, string Architecture = "amd64");

/// <summary>The ~200-image population the crawl tests (and bench/crawl.sh) push to a real registry: a few bases (Debian 12 with an old and a patched
/// OpenSSL, Alpine, Node on Debian), many applications on them with three versions and five tags each (two tags share a
/// version's manifest), and a few planted harmful images (coin miners, hacking tools, compromised npm packages).</summary>
public static class CrawlPopulation
{
    public const string Wallet = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";

    /// <summary>The OSV records of the advisory database the crawl uses: a critical OpenSSL flaw (fixed) and a high lodash one.</summary>
    public static readonly (string Name, string Json)[] Advisories =
    [
        ("debian-openssl.json", """
            {"id": "DEBIAN-CVE-2099-0001", "modified": "2099-01-01T00:00:00Z", "summary": "openssl: remote code execution",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "Debian:12", "name": "openssl"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.15-1~deb12u1"}]}]}]}
            """),
        ("ghsa-lodash.json", """
            {"id": "GHSA-crwl-0000-0001", "modified": "2099-01-01T00:00:00Z", "summary": "lodash: prototype pollution",
             "database_specific": {"severity": "HIGH"},
             "affected": [{"package": {"ecosystem": "npm", "name": "lodash"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.21"}]}]}]}
            """),
    ];

    /// <summary>Writes <see cref="Advisories"/> to <paramref name="folder"/> and builds them into the database <paramref name="output"/>.</summary>
    public static async Task BuildAdvisoryDatabaseAsync(string folder, string output)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, json) in Advisories)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), json);
        }

        await new Drydock.Advisories.Builders.AdvisoryDatabaseBuilder().BuildAsync([folder], output, CancellationToken.None);
    }

    private const string DebianOsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n";
    private const string AlpineOsRelease = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n";

    /// <summary>Builds the population (deterministic but for tar timestamps, which only change digests between runs).</summary>
    public static IReadOnlyList<PopulationImage> Build()
    {
        var debianRoot = PopulationLayer.Of("debian-root", new TarBuilder()
            .Directory("etc").File("etc/os-release", DebianOsRelease).File("etc/debian_version", "12.5\n")
            .Directory("bin").File("bin/sh", "#!/bin/true\n", 0x1ed).Directory("var").Directory("var/lib").Directory("var/lib/dpkg"));
        var statusOld = PopulationLayer.Of("debian-status-old", new TarBuilder().File("var/lib/dpkg/status", DpkgStatus(("openssl", "3.0.11-1~deb12u1"))));
        var statusNew = PopulationLayer.Of("debian-status-new", new TarBuilder().File("var/lib/dpkg/status", DpkgStatus(("openssl", "3.0.15-1~deb12u1"))));
        var alpineRoot = PopulationLayer.Of("alpine-root", new TarBuilder()
            .Directory("etc").File("etc/os-release", AlpineOsRelease).File("etc/alpine-release", "3.19.1\n")
            .File("lib/apk/db/installed", "C:Q1aaaaaaaaaaaaaaaaaaaaaaaaaaa=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nT:the musl c library\n\nC:Q1bbbbbbbbbbbbbbbbbbbbbbbbbbb=\nP:busybox\nV:1.36.1-r15\nA:x86_64\nT:Size optimized toolbox\n\n"));
        var node = PopulationLayer.Of("node", new TarBuilder()
            .File("usr/local/bin/node", "#!/bin/true\n# node 20\n", 0x1ed)
            .File("usr/local/lib/node_modules/npm/package.json", "{\"name\": \"npm\", \"version\": \"10.2.4\"}"));

        var debianOld = new[] { debianRoot, statusOld };
        var debianNew = new[] { debianRoot, statusNew };
        var alpine = new[] { alpineRoot };
        var nodeBase = new[] { debianRoot, statusNew, node };
        var images = new List<PopulationImage>
        {
            new("base/debian", ["12.1"], debianOld, null, Critical: true, High: false, null),
            new("base/debian", ["12.5", "12", "bookworm", "latest"], debianNew, null, false, false, null),
            new("base/alpine", ["3.19", "latest"], alpine, null, false, false, null),
            new("base/node", ["20", "lts", "latest"], nodeBase, null, false, false, null),
        };

        // 60 applications, three versions each: 1.0, 1.1 (also "stable") and 1.2 (also "latest"); a dependency layer shared by the versions.
        for (var app = 0; app < 60; app++)
        {
            var (bases, critical, isNode) = app switch
            {
                < 15 => (debianOld, true, false),
                < 40 => (debianNew, false, false),
                < 50 => (nodeBase, false, true),
                _ => (alpine, false, false),
            };
            var repository = $"apps/app{app:00}";
            var deps = PopulationLayer.Of($"{repository}-deps", isNode
                ? new TarBuilder().File("app/node_modules/lodash/package.json", "{\"name\": \"lodash\", \"version\": \"4.17.15\"}").File("app/package.json", $"{{\"name\": \"app{app}\", \"version\": \"1.0.0\", \"dependencies\": {{\"lodash\": \"4.17.15\"}}}}")
                : new TarBuilder().File($"app/lib/libapp{app}.so", $"shared library of app {app}\n"));
            string[][] tags = [["1.0"], ["1.1", "stable"], ["1.2", "latest"]];
            for (var version = 0; version < 3; version++)
            {
                var code = PopulationLayer.Of($"{repository}-1.{version}", new TarBuilder().File("app/VERSION", $"app{app} 1.{version}\n").File($"app/bin/app{app}", $"#!/bin/sh\necho app {app} 1.{version}\n", 0x1ed));
                images.Add(new(repository, tags[version], [.. bases, deps, code], [$"/app/bin/app{app}"], critical, isNode, null));
            }
        }

        // Planted harm: coin miners (on Alpine and on Debian), the hydra package, npm packages with a known compromise.
        for (var i = 0; i < 8; i++)
        {
            var miner = PopulationLayer.Of($"miner{i}", new TarBuilder().File("usr/local/bin/docker-entrypoint.sh",
                $"#!/bin/sh\nset -e\n# worker {i}\n/opt/.cache/xmrig -o stratum+tcp://pool.example.invalid:3333 -u {Wallet} --donate-level 1 -B\nexec \"$@\"\n", 0x1ed));
            images.Add(new($"harm/miner{i}", ["latest", "v1"], [.. i < 4 ? alpine : debianNew, miner],
                ["/usr/local/bin/docker-entrypoint.sh", "xmrig", "-o", "stratum+tcp://pool.example.invalid:3333", "-u", Wallet], false, false, "coin-miner"));
        }

        for (var i = 0; i < 4; i++)
        {
            var tools = PopulationLayer.Of($"hydra{i}", new TarBuilder()
                .File("var/lib/dpkg/status", DpkgStatus(("openssl", "3.0.15-1~deb12u1"), ("hydra", "9.4-1")))
                .File("usr/bin/hydra", $"hydra v9.4 (c) 2022 by van Hauser/THC - build {i}\n", 0x1ed));
            images.Add(new($"harm/pentest{i}", ["latest"], [.. debianNew, tools], null, false, false, "hacking-tool"));
        }

        for (var i = 0; i < 4; i++)
        {
            var npm = PopulationLayer.Of($"npm{i}", new TarBuilder()
                .File("app/node_modules/event-stream/package.json", "{\"name\": \"event-stream\", \"version\": \"3.3.6\"}")
                .File("app/package.json", $"{{\"name\": \"wallet{i}\", \"version\": \"1.0.0\", \"dependencies\": {{\"event-stream\": \"3.3.6\"}}}}"));
            images.Add(new($"harm/wallet{i}", ["latest", "1"], [.. nodeBase, npm], null, false, false, "malicious-npm-package"));
        }

        return images;
    }

    /// <summary>Pushes <paramref name="images"/> through the registry API (eight repositories at a time), then an image whose
    /// layer blob is deleted from the registry's storage under <paramref name="dataDirectory"/> (broken/app:latest, which a
    /// crawl must record as failed) and a two-platform index (multi/tool:1 and :latest); returns the images a crawl with the
    /// default platform scans: <paramref name="images"/> and the index's linux/amd64 image.</summary>
    public static async Task<IReadOnlyList<PopulationImage>> PushAsync(RegistryClient client, IReadOnlyList<PopulationImage> images, string dataDirectory)
    {
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(images.GroupBy(i => i.Repository).Select(async repository =>
        {
            await gate.WaitAsync();
            try
            {
                foreach (var image in repository)
                {
                    await PushImageAsync(client, image, image.Tags);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        var lost = PopulationLayer.Of("lost", new TarBuilder().File("lost/file", "gone\n"));
        await PushImageAsync(client, new PopulationImage("broken/app", ["latest"], [lost], null, false, false, null), ["latest"]);
        Directory.Delete(Path.Combine(dataDirectory, "docker", "registry", "v2", "blobs", "sha256", lost.Digest[7..9], lost.Digest[7..]), recursive: true);

        var alpineRoot = images.First(i => i.Repository == "base/alpine").Layers[0];
        var amd64 = new PopulationImage("multi/tool", [], [alpineRoot, PopulationLayer.Of("multi-amd64", new TarBuilder().File("usr/bin/tool", "amd64\n"))], null, false, false, null);
        var arm64 = amd64 with { Layers = [PopulationLayer.Of("multi-arm64", new TarBuilder().File("usr/bin/tool", "arm64\n"))], Architecture = "arm64" };
        var children = new List<string>();
        foreach (var child in new[] { amd64, arm64 })
        {
            var (digest, size) = await PushImageAsync(client, child, []);
            children.Add($"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{digest}\",\"size\":{size},\"platform\":{{\"os\":\"linux\",\"architecture\":\"{child.Architecture}\"}}}}");
        }

        var index = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(',', children)}]}}");
        foreach (var tag in new[] { "1", "latest" })
        {
            await client.PutManifestAsync("multi/tool", tag, index, MediaTypes.OciIndex, CancellationToken.None);
        }

        return [.. images, amd64 with { Tags = ["1", "latest"] }];
    }

    // Pushes the blobs, the config and the manifest under each tag; returns the manifest digest and size.
    private static async Task<(string Digest, int Size)> PushImageAsync(RegistryClient client, PopulationImage image, IEnumerable<string> tags)
    {
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["architecture"] = image.Architecture,
            ["os"] = "linux",
            ["created"] = "2024-01-01T00:00:00Z",
            ["config"] = new Dictionary<string, object?> { ["Entrypoint"] = image.Entrypoint, ["Env"] = new[] { "PATH=/usr/local/bin:/usr/bin:/bin" } },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = image.Layers.Select(l => l.DiffId).ToArray() },
        });
        var configDigest = Digest.Sha256Of(config);
        await UploadAsync(client, image.Repository, configDigest, config);
        foreach (var layer in image.Layers)
        {
            await UploadAsync(client, image.Repository, Digest.Parse(layer.Digest), layer.Gzip);
        }

        var layers = string.Join(',', image.Layers.Select(l => $"{{\"mediaType\":\"{MediaTypes.OciLayerGzip}\",\"digest\":\"{l.Digest}\",\"size\":{l.Gzip.Length}}}"));
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{layers}]}}");
        var digest = Digest.Sha256Of(manifest).ToString();
        await client.PutManifestAsync(image.Repository, digest, manifest, MediaTypes.OciManifest, CancellationToken.None);
        foreach (var tag in tags)
        {
            await client.PutManifestAsync(image.Repository, tag, manifest, MediaTypes.OciManifest, CancellationToken.None);
        }

        return (digest, manifest.Length);
    }

    private static async Task UploadAsync(RegistryClient client, string repository, Digest digest, byte[] content)
    {
        if (!await client.BlobExistsAsync(repository, digest, content.Length, CancellationToken.None))
        {
            await client.UploadBlobAsync(repository, digest, content, CancellationToken.None);
        }
    }

    /// <summary>A dpkg status file with libc6 and <paramref name="packages"/>.</summary>
    public static string DpkgStatus(params (string Name, string Version)[] packages)
    {
        var text = new StringBuilder();
        foreach (var (name, version) in new[] { ("libc6", "2.36-9+deb12u4") }.Concat(packages))
        {
            text.Append($"Package: {name}\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\nVersion: {version}\nDescription: {name}\n\n");
        }

        return text.ToString();
    }
}
