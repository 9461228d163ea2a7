using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.OciLayout;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.OciLayout;

/// <summary>The <c>oci-archive:</c> backend on the real archives, and on hostile ones.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class OciArchiveImageSourceTests(TestImages images) : ImageSourceConformanceTests(images)
{
    protected override IImageSource Source { get; } = new OciArchiveImageSource();

    protected override ImageReference ReferenceTo(string image) => ImageReference.ForLocal(ImageTransport.OciArchive, Images.OciArchive(image));

    private Task<IImage> OpenFileAsync(string path, string? tag = null)
        => Source.OpenAsync(ImageReference.ForLocal(ImageTransport.OciArchive, path, tag), new SourceOptions(), CancellationToken.None);

    [Fact]
    public async Task Selects_by_tag_and_refuses_an_unknown_one()
    {
        await Images.EnsureAsync("layered");
        await using var image = await OpenFileAsync(Images.OciArchive("layered"), "v1");
        Assert.Equal(3, image.Layers.Count);
        await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(Images.OciArchive("layered"), "v2"));
    }

    [Theory]
    [InlineData(700)]
    [InlineData(4096)]
    [InlineData(600_000)]
    public async Task Truncated_archive_is_a_clear_error(int keep)
    {
        await Images.EnsureAsync("busybox");
        var path = Path.Combine(RepoPaths.Scratch("oci-archive"), "truncated.tar");
        await using (var source = File.OpenRead(Images.OciArchive("busybox")))
        await using (var target = File.Create(path))
        {
            var buffer = new byte[keep];
            await source.ReadExactlyAsync(buffer);
            await target.WriteAsync(buffer);
        }

        await Assert.ThrowsAnyAsync<DrydockInputException>(() => OpenFileAsync(path));
    }

    [Fact]
    public async Task Archive_built_from_a_layout_with_a_missing_blob_is_an_error()
    {
        await Images.EnsureAsync("busybox");
        var layout = Images.OciLayout("busybox");
        var manifest = LayoutFacts.ManifestDigest(layout);
        var path = new ArchiveBuilder()
            .File("oci-layout", File.ReadAllBytes(Path.Combine(layout, "oci-layout")))
            .File("index.json", File.ReadAllBytes(Path.Combine(layout, "index.json")))
            .File("blobs/sha256/" + manifest["sha256:".Length..], File.ReadAllBytes(LayoutFacts.BlobPath(layout, manifest)))
            .WriteTo(Path.Combine(RepoPaths.Scratch("oci-archive"), "missing.tar"));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(path));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public async Task Not_a_tar_is_a_clear_error()
    {
        var path = Path.Combine(RepoPaths.Scratch("oci-archive"), "garbage.tar");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray());
        await Assert.ThrowsAnyAsync<DrydockInputException>(() => OpenFileAsync(path));
    }

    [Fact]
    public async Task Missing_file_is_an_error()
    {
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(Path.Combine(RepoPaths.Scratch("oci-archive"), "absent.tar")));
        Assert.Contains("no such file", e.Message);
    }
}
