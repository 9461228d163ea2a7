using System.Text.Json;
using Drydock.References;

namespace Drydock.Bench;

/// <summary>Finds a test image built by scripts/build-test-images.sh in $DRYDOCK_TEST_IMAGES (else
/// .testdata/images, as the tests) and the blob and diff-ID of its first layer.</summary>
public sealed record TestImage(string LayerBlob, string MediaType, Digest DiffId)
{
    /// <summary>The variable that names the images folder.</summary>
    public const string Variable = "DRYDOCK_TEST_IMAGES";

    /// <summary>The images folder the benchmarks use.</summary>
    public static string Directory => Environment.GetEnvironmentVariable(Variable) ?? Path.Combine(RepositoryRoot(), ".testdata", "images");

    /// <summary>The OCI layout of the Debian image.</summary>
    public static string DebianLayout => Path.Combine(Directory, "debian-oci");

    /// <summary>True when the Debian image has been built.</summary>
    public static bool DebianExists => File.Exists(Path.Combine(DebianLayout, "index.json"));

    /// <summary>The first (only) layer of the Debian image, tag bookworm.</summary>
    public static TestImage Debian() => Load(DebianLayout, "bookworm");

    private static TestImage Load(string layout, string tag)
    {
        using var index = Read(layout, null);
        var manifestDigest = index.RootElement.GetProperty("manifests").EnumerateArray()
            .First(m => m.TryGetProperty("annotations", out var a) && a.TryGetProperty("org.opencontainers.image.ref.name", out var n) && n.GetString() == tag)
            .GetProperty("digest").GetString()!;
        using var manifest = Read(layout, manifestDigest);
        var layer = manifest.RootElement.GetProperty("layers")[0];
        using var config = Read(layout, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!);
        var diffId = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString()!;
        return new TestImage(BlobPath(layout, layer.GetProperty("digest").GetString()!), layer.GetProperty("mediaType").GetString()!, Digest.Parse(diffId));
    }

    private static JsonDocument Read(string layout, string? digest)
        => JsonDocument.Parse(File.ReadAllBytes(digest is null ? Path.Combine(layout, "index.json") : BlobPath(layout, digest)));

    private static string BlobPath(string layout, string digest)
    {
        var parsed = Digest.Parse(digest);
        return Path.Combine(layout, "blobs", parsed.Algorithm, parsed.Hex);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Drydock.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Drydock.slnx); set " + Variable);
    }
}
