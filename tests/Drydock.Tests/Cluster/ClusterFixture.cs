using System.Text;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Cluster;

/// <summary>A real PostgreSQL server and a real <c>docker-registry</c> on loopback holding a small population that shares layers:
/// <list type="bullet">
/// <item>base/busybox:1.0 and :latest (one digest), the busybox test image;</item>
/// <item>apps/small-1..4:v1: busybox plus a small layer of its own;</item>
/// <item>apps/big-1..3:v1: busybox plus one large shared layer (<see cref="BigLayerFiles"/> text files) plus a small layer of its own;</item>
/// <item>apps/layered:v1 and :v2 (one digest), the layered test image (busybox's layer below its own);</item>
/// <item>tools/miner:latest, the miner test image (a harmful image).</item>
/// </list></summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Files in the large shared layer (64 KiB each).</summary>
    public const int BigLayerFiles = 256;

    public PostgresServer Postgres { get; } = new();

    public RegistryServer Registry { get; private set; } = null!;

    public TestImages Images { get; } = new();

    /// <summary>The repositories holding the three images that share the large layer.</summary>
    public IReadOnlyList<string> BigRepositories { get; } = ["apps/big-1", "apps/big-2", "apps/big-3"];

    /// <summary>The diff-ID of the large shared layer.</summary>
    public string BigLayerDiffId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        if (PostgresServer.BinDirectory is null)
        {
            return;
        }

        await Images.EnsureAsync("busybox");
        await Images.EnsureAsync("layered");
        await Images.EnsureAsync("miner");
        Registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        var busybox = Images.OciLayout("busybox");
        await Registry.PushAsync($"oci:{busybox}:latest", "base/busybox:1.0");
        await Registry.PushAsync($"oci:{busybox}:latest", "base/busybox:latest");
        await Registry.PushAsync($"oci:{Images.OciLayout("layered")}:v1", "apps/layered:v1");
        await Registry.PushAsync($"oci:{Images.OciLayout("layered")}:v1", "apps/layered:v2");
        await Registry.PushAsync($"oci:{Images.OciLayout("miner")}:{TestImages.TagOf("miner")}", "tools/miner:latest");
        for (var i = 1; i <= 4; i++)
        {
            var layout = Path.Combine(Registry.Root, $"small-{i}");
            DerivedLayout.Write(busybox, layout, "v1", [new TarBuilder().File($"app/small-{i}.txt", $"small app {i}\n").Build()]);
            await Registry.PushAsync($"oci:{layout}:v1", $"apps/small-{i}:v1");
        }

        var big = BigLayer();
        BigLayerDiffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big));
        for (var i = 0; i < BigRepositories.Count; i++)
        {
            var layout = Path.Combine(Registry.Root, $"big-{i + 1}");
            DerivedLayout.Write(busybox, layout, "v1", [big, new TarBuilder().File($"app/big-{i + 1}.txt", $"big app {i + 1}\n").Build()]);
            await Registry.PushAsync($"oci:{layout}:v1", $"{BigRepositories[i]}:v1");
        }
    }

    // Text that every content analyzer reads in full (scripts, configuration-like lines), deterministic so the diff-ID is stable.
    private static byte[] BigLayer()
    {
        var tar = new TarBuilder();
        var line = Encoding.ASCII.GetBytes("export SETTING_VALUE=some-ordinary-configuration-text # comment line\n");
        for (var i = 0; i < BigLayerFiles; i++)
        {
            var content = new byte[64 * 1024];
            for (var at = 0; at < content.Length; at += line.Length)
            {
                line.AsSpan(0, Math.Min(line.Length, content.Length - at)).CopyTo(content.AsSpan(at));
            }

            Encoding.ASCII.GetBytes($"#!/bin/sh\n# file {i}\n").CopyTo(content, 0);
            tar.File($"opt/big/script-{i:D4}.sh", content, 0x1ed);
        }

        return tar.Build();
    }

    public async Task DisposeAsync()
    {
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }
}

/// <summary>The cluster tests share one PostgreSQL server and one registry (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
