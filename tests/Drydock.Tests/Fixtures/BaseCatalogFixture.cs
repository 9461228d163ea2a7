using System.Security.Cryptography;
using Drydock.Tests.Support;

namespace Drydock.Tests.Fixtures;

/// <summary>Hardened bases and images built on them in a real <c>docker-registry</c> on loopback, plus a real PostgreSQL server:
/// <list type="bullet">
/// <item>hardened/busybox:1.0, 1.1, 1.2: the busybox test image (one layer);</item>
/// <item>hardened/tools:1.0: busybox plus a layer holding a private key (two layers);</item>
/// <item>hardened/multi:latest: an index of busybox (amd64) and layered (arm64);</item>
/// <item>apps/layered:v1: the layered test image, whose lowest layer is busybox's;</item>
/// <item>apps/app:v1: tools plus a layer holding a GitHub token, annotated (manifest) with its base, truthfully;</item>
/// <item>apps/liar:v1: busybox plus the same app layer, whose config labels claim tools as its base.</item>
/// </list></summary>
public sealed class BaseCatalogFixture : IAsyncLifetime
{
    public RegistryServer Registry { get; private set; } = null!;

    public PostgresServer Postgres { get; } = new();

    public TestImages Images { get; } = new();

    /// <summary>The manifest digest of hardened/tools:1.0.</summary>
    public string ToolsDigest { get; private set; } = null!;

    /// <summary>The GitHub token planted in the app layer.</summary>
    public string AppToken { get; } = "ghp_" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36);

    /// <summary>host:port/NAME in the registry.</summary>
    public string Ref(string name) => $"{Registry.Host}/{name}";

    public async Task InitializeAsync()
    {
        await Images.EnsureAsync("busybox");
        await Images.EnsureAsync("layered");
        var postgres = Postgres.InitializeAsync();
        Registry = await RegistryServer.StartAsync(RegistryAuthMode.None);
        var busybox = Images.OciLayout("busybox");
        var key = RSA.Create(2048).ExportRSAPrivateKeyPem();
        var tools = Path.Combine(Registry.Root, "tools-oci");
        ToolsDigest = DerivedLayout.Write(busybox, tools, "1.0", [new TarBuilder().File("etc/ssl/private/base.key", key).Build()]);
        var appLayer = new TarBuilder().File("app/.env", $"GITHUB_TOKEN={AppToken}\n").Build();
        var app = Path.Combine(Registry.Root, "app-oci");
        DerivedLayout.Write(tools, app, "v1", [appLayer], annotations: new Dictionary<string, string>
        {
            ["org.opencontainers.image.base.name"] = Ref("hardened/tools:1.0"),
            ["org.opencontainers.image.base.digest"] = ToolsDigest,
        });
        var liar = Path.Combine(Registry.Root, "liar-oci");
        DerivedLayout.Write(busybox, liar, "v1", [appLayer], labels: new Dictionary<string, string>
        {
            ["org.opencontainers.image.base.name"] = Ref("hardened/tools:1.0"),
            ["org.opencontainers.image.base.digest"] = ToolsDigest,
        });
        var multi = await RegistryFixture.WriteIndexLayoutAsync(Images, Path.Combine(Registry.Root, "multi-oci"));

        await Registry.PushAsync($"oci:{busybox}:latest", "hardened/busybox:1.0");
        await Task.WhenAll(
            Registry.PushAsync($"oci:{busybox}:latest", "hardened/busybox:1.1"),
            Registry.PushAsync($"oci:{busybox}:latest", "hardened/busybox:1.2"),
            Registry.PushAsync($"oci:{tools}:1.0", "hardened/tools:1.0"),
            Registry.PushAsync($"oci:{multi}:multi", "hardened/multi:latest", all: true),
            Registry.PushAsync($"oci:{Images.OciLayout("layered")}:v1", "apps/layered:v1"),
            Registry.PushAsync($"oci:{app}:v1", "apps/app:v1"),
            Registry.PushAsync($"oci:{liar}:v1", "apps/liar:v1"));
        await postgres;
    }

    public async Task DisposeAsync()
    {
        await Postgres.DisposeAsync();
        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }
    }
}

/// <summary>Shares one <see cref="BaseCatalogFixture"/> across the catalog test classes.</summary>
[CollectionDefinition(Name)]
public sealed class BaseCatalogCollection : ICollectionFixture<BaseCatalogFixture>
{
    public const string Name = "base catalog";
}
