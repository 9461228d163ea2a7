using Drydock.References;
using Drydock.Sources;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources;

/// <summary>What every image source must satisfy on the real test images (compare go-containerregistry's
/// validate.Image): platform, config identity, layers agreeing with diff-IDs, and every layer readable to its end
/// with verified digests. Each backend's test class inherits it.</summary>
public abstract class ImageSourceConformanceTests(TestImages images)
{
    /// <summary>The shared images.</summary>
    protected TestImages Images { get; } = images;

    /// <summary>The backend under test.</summary>
    protected abstract IImageSource Source { get; }

    /// <summary>The images this backend can open.</summary>
    protected virtual IReadOnlyList<string> ImageNames => ["busybox", "layered"];

    /// <summary>A reference to <paramref name="image"/> in this backend's transport.</summary>
    protected abstract ImageReference ReferenceTo(string image);

    /// <summary>True when the backend knows the config digest.</summary>
    protected virtual bool HasConfig => true;

    /// <summary>True when the backend knows the manifest digest.</summary>
    protected virtual bool HasManifest => true;

    /// <summary>The platform the images must report.</summary>
    protected virtual Platform ExpectedPlatform => Platform.LinuxAmd64;

    /// <summary>Opens an image through the backend.</summary>
    protected async Task<IImage> OpenAsync(string image, SourceOptions? options = null)
    {
        await Images.EnsureAsync(image);
        return await Source.OpenAsync(ReferenceTo(image), options ?? new SourceOptions(), CancellationToken.None);
    }

    [Fact]
    public void Declares_its_transport()
    {
        Assert.Equal(ReferenceTo("busybox").Transport, Source.Transport);
    }

    [Fact]
    public async Task Reports_platform_and_reference()
    {
        foreach (var name in ImageNames)
        {
            await using var image = await OpenAsync(name);
            Assert.Equal(ExpectedPlatform, image.Platform);
            Assert.Equal(ReferenceTo(name), image.Reference);
            Assert.Equal("linux", image.Config.Os);
        }
    }

    [Fact]
    public async Task Config_and_manifest_digests_match_the_oci_layout()
    {
        foreach (var name in ImageNames)
        {
            await using var image = await OpenAsync(name);
            var layout = Images.OciLayout(name);
            Assert.Equal(HasConfig ? LayoutFacts.ConfigDigest(layout) : null, image.ConfigDigest?.ToString());
            Assert.Equal(HasManifest ? LayoutFacts.ManifestDigest(layout) : null, image.ManifestDigest?.ToString());
        }
    }

    [Fact]
    public async Task Layers_agree_with_the_config_diff_ids()
    {
        foreach (var name in ImageNames)
        {
            await using var image = await OpenAsync(name);
            var diffIds = image.Config.RootFs?.DiffIds ?? [];
            if (HasConfig)
            {
                Assert.Equal(LayoutFacts.DiffIds(Images.OciLayout(name)), diffIds);
                Assert.Equal(diffIds, image.Layers.Select(l => l.DiffId.ToString()));
            }
            else
            {
                Assert.Empty(diffIds);
                Assert.All(image.Layers, l => Assert.Null(l.DiffId));
            }

            Assert.Equal(Enumerable.Range(0, image.Layers.Count), image.Layers.Select(l => l.Index));
            Assert.All(image.Layers, l => Assert.True(MediaTypes.IsLayer(l.MediaType), l.MediaType));
        }
    }

    [Fact]
    public async Task Every_layer_reads_to_the_end_with_its_diff_id()
    {
        foreach (var name in ImageNames)
        {
            await using var image = await OpenAsync(name);
            var expectedCounts = await ExpectedEntryCountsAsync(name);
            Assert.Equal(expectedCounts.Count, image.Layers.Count);
            foreach (var layer in image.Layers)
            {
                var scan = await LayerScan.ReadAsync(layer, $"{name} layer {layer.Index}");
                if (layer.DiffId is { } diffId)
                {
                    Assert.Equal(diffId, scan.Summary.DiffId);
                }

                if (layer.Size >= 0)
                {
                    Assert.Equal(layer.Size, scan.Summary.CompressedBytes);
                }

                Assert.True(scan.Summary.EntryCount > 0);
                Assert.Equal(expectedCounts[layer.Index], scan.Summary.EntryCount);
            }
        }
    }

    [Fact]
    public async Task Layers_can_be_read_in_parallel_and_again()
    {
        await using var image = await OpenAsync(ImageNames[^1]);
        var first = await Task.WhenAll(image.Layers.Select(l => LayerScan.ReadAsync(l, $"layer {l.Index}")));
        var second = await Task.WhenAll(image.Layers.Select(l => LayerScan.ReadAsync(l, $"layer {l.Index}")));
        Assert.Equal(first.Select(r => r.Summary.DiffId), second.Select(r => r.Summary.DiffId));
        Assert.Equal(first.Select(r => r.Summary.EntryCount), second.Select(r => r.Summary.EntryCount));
    }

    /// <summary>Entries the backend's layers hold beyond the image's (a generated tar has no root entry: -1).</summary>
    protected virtual int EntryCountAdjustment => 0;

    /// <summary>The entry count of each layer as the OCI layout's blobs give them, read with the layer reader
    /// directly (bypassing every source).</summary>
    protected async Task<IReadOnlyList<int>> ExpectedEntryCountsAsync(string name)
    {
        var layout = Images.OciLayout(name);
        var counts = new List<int>();
        foreach (var digest in LayoutFacts.LayerDigests(layout))
        {
            var path = LayoutFacts.BlobPath(layout, digest);
            var reader = new Drydock.Layers.LayerReader(File.OpenRead(path), null, null, Drydock.Layers.InputLimits.Default, path);
            await foreach (var _ in reader.ReadAsync())
            {
            }

            counts.Add(reader.Summary!.EntryCount + EntryCountAdjustment);
        }

        return counts;
    }
}
