using System.Text.Json;
using Drydock.Layers;
using Drydock.References;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Layers;

[Collection(TestImagesCollection.Name)]
public sealed class LayerReaderRealImageTests(TestImages images)
{
    /// <summary>Each layer of an OCI layout: blob path, media type, compressed size and the config's diff-ID.</summary>
    private async Task<List<(string Blob, string MediaType, long Size, Digest DiffId)>> LayersOf(string name)
    {
        await images.EnsureAsync(name);
        var layout = images.OciLayout(name);
        string BlobPath(string digest) => Path.Combine(layout, "blobs", "sha256", Digest.Parse(digest).Hex);
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(layout, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(BlobPath(manifestDigest)));
        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        using var config = JsonDocument.Parse(await File.ReadAllTextAsync(BlobPath(configDigest)));
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => Digest.Parse(d.GetString()!)).ToList();
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(diffIds.Count, layers.Count);
        return layers.Select((l, i) => (BlobPath(l.GetProperty("digest").GetString()!), l.GetProperty("mediaType").GetString()!,
            l.GetProperty("size").GetInt64(), diffIds[i])).ToList();
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("layered")]
    [InlineData("debian")]
    public async Task Every_layer_reads_fully_and_matches_its_diff_id(string name)
    {
        foreach (var (blob, mediaType, size, diffId) in await LayersOf(name))
        {
            var reader = new LayerReader(File.OpenRead(blob), mediaType, diffId, InputLimits.Default, blob);
            long files = 0, content = 0;
            await foreach (var entry in reader.ReadAsync())
            {
                if (entry.Data is { } data)
                {
                    files++;
                    var before = content;
                    var buffer = new byte[65536];
                    int n;
                    while ((n = await data.ReadAsync(buffer)) > 0)
                    {
                        content += n;
                    }

                    Assert.Equal(entry.Info.Size, content - before);
                }
            }

            var summary = reader.Summary!;
            Assert.Equal(diffId, summary.DiffId);
            Assert.Equal(size, summary.CompressedBytes);
            Assert.True(summary.EntryCount > 0);
            Assert.True(summary.UncompressedBytes >= content);
            Assert.DoesNotContain(summary.Warnings, w => w.Code is "path-traversal" or "media-type-mismatch" or "tar-trailing-data");
        }
    }

    [Fact]
    public async Task The_layered_image_deletes_with_umoci_whiteouts()
    {
        var layers = await LayersOf("layered");
        var (blob, mediaType, _, diffId) = layers[2];
        var reader = new LayerReader(File.OpenRead(blob), mediaType, diffId, InputLimits.Default, "layer 3");

        var (entries, _) = await LayerTars.ReadAllAsync(reader);

        Assert.Equal(
            [("opt/app", EntryKind.Directory), ("opt/app/cache", EntryKind.Whiteout), ("opt/app/config.ini", EntryKind.Whiteout)],
            entries.Select(e => (e.Info.Path, e.Info.Kind)));
    }

    [Fact]
    public async Task The_debian_layer_holds_the_dpkg_database_and_links()
    {
        var (blob, mediaType, _, diffId) = (await LayersOf("debian"))[0];
        var reader = new LayerReader(File.OpenRead(blob), mediaType, diffId, InputLimits.Default, "debian");
        var kinds = new Dictionary<EntryKind, int>();
        var sawStatus = false;

        await foreach (var entry in reader.ReadAsync())
        {
            kinds[entry.Info.Kind] = kinds.GetValueOrDefault(entry.Info.Kind) + 1;
            if (entry.Info.Path == "var/lib/dpkg/status")
            {
                using var text = new StreamReader(entry.Data!);
                sawStatus = (await text.ReadToEndAsync()).Contains("Package: base-files");
            }
        }

        Assert.True(sawStatus);
        Assert.True(kinds[EntryKind.File] > 1000);
        Assert.True(kinds[EntryKind.Directory] > 100);
        Assert.True(kinds[EntryKind.Symlink] > 10);
    }

    [Fact]
    public async Task Cancellation_stops_a_read_promptly()
    {
        var (blob, mediaType, _, diffId) = (await LayersOf("debian"))[0];
        using var cts = new CancellationTokenSource();
        var reader = new LayerReader(File.OpenRead(blob), mediaType, diffId, InputLimits.Default, "debian");
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ReadAsync(cts.Token))
            {
                if (++seen == 100)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(100, seen);
        Assert.Null(reader.Summary);
        Assert.True(reader.UncompressedBytesRead < 120_000_000, $"{reader.UncompressedBytesRead} bytes decoded after cancelling");
    }
}
