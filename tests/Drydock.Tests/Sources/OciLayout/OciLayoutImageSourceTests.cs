using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.OciLayout;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.OciLayout;

/// <summary>The <c>oci:</c> backend on the real layouts, and on copies of them made hostile.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class OciLayoutImageSourceTests(TestImages images) : ImageSourceConformanceTests(images)
{
    protected override IImageSource Source { get; } = new OciLayoutImageSource();

    protected override ImageReference ReferenceTo(string image) => ImageReference.ForLocal(ImageTransport.OciLayout, Images.OciLayout(image));

    private async Task<string> CopyLayoutAsync(string image)
    {
        await Images.EnsureAsync(image);
        var target = Path.Combine(RepoPaths.Scratch("oci-layout"), image);
        CopyTree(Images.OciLayout(image), target);
        return target;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
        }
    }

    private Task<IImage> OpenDirAsync(string dir, string? tag = null, SourceOptions? options = null)
        => Source.OpenAsync(ImageReference.ForLocal(ImageTransport.OciLayout, dir, tag), options ?? new SourceOptions(), CancellationToken.None);

    [Fact]
    public async Task Selects_an_image_by_its_tag()
    {
        await Images.EnsureAsync("layered");
        await using var image = await OpenDirAsync(Images.OciLayout("layered"), "v1");
        Assert.Equal(3, image.Layers.Count);
    }

    [Fact]
    public async Task Unknown_tag_is_an_error_listing_the_tags()
    {
        await Images.EnsureAsync("busybox");
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(Images.OciLayout("busybox"), "nope"));
        Assert.Contains("nope", e.Message);
        Assert.Contains("latest", e.Message);
    }

    [Fact]
    public async Task Several_images_without_a_tag_is_an_error_listing_the_tags()
    {
        var dir = await CopyLayoutAsync("busybox");
        await Images.EnsureAsync("layered");
        CopyTree(Path.Combine(Images.OciLayout("layered"), "blobs"), Path.Combine(dir, "blobs"));
        var busybox = LayoutFacts.ManifestDigest(Images.OciLayout("busybox"));
        var layered = LayoutFacts.ManifestDigest(Images.OciLayout("layered"));
        File.WriteAllText(Path.Combine(dir, "index.json"),
            "{\"schemaVersion\":2,\"manifests\":[" + Entry(dir, busybox, "one") + "," + Entry(dir, layered, "two") + "]}");

        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(dir));
        Assert.Contains("one, two", e.Message);

        await using var two = await OpenDirAsync(dir, "two");
        Assert.Equal(3, two.Layers.Count);
        Assert.Equal(layered, two.ManifestDigest.ToString());
    }

    private static string Entry(string dir, string digest, string tag)
        => "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest + "\",\"size\":"
            + new FileInfo(LayoutFacts.BlobPath(dir, digest)).Length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}";

    [Fact]
    public async Task Index_pointing_at_a_missing_blob_is_an_error()
    {
        var dir = await CopyLayoutAsync("busybox");
        File.Delete(LayoutFacts.BlobPath(dir, LayoutFacts.ManifestDigest(dir)));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(dir));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public async Task Altered_layer_fails_with_a_digest_mismatch()
    {
        var dir = await CopyLayoutAsync("busybox");
        var blob = LayoutFacts.BlobPath(dir, LayoutFacts.LayerDigests(dir)[0]);
        var bytes = File.ReadAllBytes(blob);
        bytes[^10] ^= 0xff;
        File.WriteAllBytes(blob, bytes);

        await using var image = await OpenDirAsync(dir);
        await Assert.ThrowsAnyAsync<DrydockInputException>(() => LayerScan.ReadAsync(image.Layers[0], "altered"));
        var stream = await image.Layers[0].OpenAsync(CancellationToken.None);
        await using (stream)
        {
            await Assert.ThrowsAsync<DigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
        }
    }

    [Fact]
    public async Task Altered_config_fails_when_opening()
    {
        var dir = await CopyLayoutAsync("busybox");
        var blob = LayoutFacts.BlobPath(dir, LayoutFacts.ConfigDigest(dir));
        var bytes = File.ReadAllBytes(blob);
        bytes[^2] = (byte)' ';
        File.WriteAllBytes(blob, bytes);
        await Assert.ThrowsAsync<DigestMismatchException>(() => OpenDirAsync(dir));
    }

    [Fact]
    public async Task Blob_symlink_leaving_the_layout_is_refused()
    {
        var dir = await CopyLayoutAsync("busybox");
        var outside = Path.Combine(Path.GetDirectoryName(dir)!, "outside-config");
        var config = LayoutFacts.BlobPath(dir, LayoutFacts.ConfigDigest(dir));
        File.Move(config, outside);
        File.CreateSymbolicLink(config, outside);
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenDirAsync(dir));
        Assert.Contains("outside the layout", e.Message);
    }

    [Fact]
    public async Task Blob_symlink_inside_the_layout_is_followed()
    {
        var dir = await CopyLayoutAsync("busybox");
        var config = LayoutFacts.BlobPath(dir, LayoutFacts.ConfigDigest(dir));
        var moved = Path.Combine(dir, "moved-config");
        File.Move(config, moved);
        File.CreateSymbolicLink(config, "../../moved-config");
        await using var image = await OpenDirAsync(dir);
        Assert.Equal(LayoutFacts.ConfigDigest(dir), image.ConfigDigest.ToString());
    }

    [Fact]
    public async Task Oversized_index_is_refused()
    {
        await Images.EnsureAsync("busybox");
        var e = await Assert.ThrowsAsync<HostileInputException>(
            () => OpenDirAsync(Images.OciLayout("busybox"), options: new SourceOptions { MaxManifestBytes = 100 }));
        Assert.Contains("index.json", e.Message);
    }

    [Fact]
    public async Task Oversized_config_is_refused()
    {
        await Images.EnsureAsync("busybox");
        await Assert.ThrowsAsync<HostileInputException>(
            () => OpenDirAsync(Images.OciLayout("busybox"), options: new SourceOptions { MaxConfigBytes = 100 }));
    }

    [Fact]
    public async Task Missing_or_unsupported_layout_marker_is_an_error()
    {
        var dir = await CopyLayoutAsync("busybox");
        File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"2.0.0"}""");
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(dir));
        Assert.Contains("2.0.0", e.Message);

        File.Delete(Path.Combine(dir, "oci-layout"));
        e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(dir));
        Assert.Contains("not an OCI image layout", e.Message);
    }

    [Fact]
    public async Task Missing_directory_is_an_error()
    {
        var missing = Path.Combine(RepoPaths.Scratch("oci-layout"), "absent");
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(missing));
        Assert.Contains("no such directory", e.Message);
    }
}
