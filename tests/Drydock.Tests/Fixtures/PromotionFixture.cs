namespace Drydock.Tests.Fixtures;

/// <summary>Two real registries of the promotion tests' own (their writes must not show in the shared registries' catalogs):
/// a source without auth holding test/busybox and test/multi (linux/amd64 busybox, linux/arm64 layered), and an empty
/// destination with htpasswd Basic auth.</summary>
public sealed class PromotionFixture : IAsyncLifetime
{
    public RegistryServer Source { get; private set; } = null!;
    public RegistryServer Destination { get; private set; } = null!;

    /// <summary>The test images.</summary>
    public TestImages Images { get; } = new();

    public async Task InitializeAsync()
    {
        await Images.EnsureAsync("busybox");
        await Images.EnsureAsync("layered");
        var servers = await Task.WhenAll(RegistryServer.StartAsync(RegistryAuthMode.None), RegistryServer.StartAsync(RegistryAuthMode.Htpasswd));
        (Source, Destination) = (servers[0], servers[1]);
        await Task.WhenAll(
            Source.PushAsync($"oci:{Images.OciLayout("busybox")}:latest", "test/busybox:latest"),
            Source.PushAsync($"oci:{await RegistryFixture.WriteIndexLayoutAsync(Images, Path.Combine(Source.Root, "multi-oci"))}:multi", "test/multi:latest", all: true));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in new[] { Source, Destination })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

/// <summary>Shares one <see cref="PromotionFixture"/> across the promotion test classes.</summary>
[CollectionDefinition(Name)]
public sealed class PromotionCollection : ICollectionFixture<PromotionFixture>
{
    public const string Name = "promotion registries";
}
