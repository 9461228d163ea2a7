using System.Text.Json;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.DockerArchive;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.DockerArchive;

/// <summary>The <c>docker-archive:</c> backend on skopeo's archives, a Docker 25+ style archive, and hostile ones.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class DockerArchiveImageSourceTests(TestImages images) : ImageSourceConformanceTests(images)
{
    protected override IImageSource Source { get; } = new DockerArchiveImageSource();

    protected override bool HasManifest => false;

    protected override ImageReference ReferenceTo(string image) => ImageReference.ForLocal(ImageTransport.DockerArchive, Images.DockerArchive(image));

    private Task<IImage> OpenFileAsync(string path, string? selector = null, SourceOptions? options = null)
        => Source.OpenAsync(ImageReference.ForLocal(ImageTransport.DockerArchive, path, selector), options ?? new SourceOptions(), CancellationToken.None);

    private static string Scratch(string file) => Path.Combine(RepoPaths.Scratch("docker-archive"), file);

    private static string Manifest(params (string Config, string[] Tags, string[] Layers)[] entries)
        => JsonSerializer.Serialize(entries.Select(e => new { e.Config, RepoTags = e.Tags, e.Layers }));

    /// <summary>An archive holding busybox (under two tags) and layered, with a manifest.json written here.</summary>
    private async Task<string> TwoImageArchiveAsync()
    {
        await Images.EnsureAsync("busybox");
        await Images.EnsureAsync("layered");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var layered = ReadManifest(Images.DockerArchive("layered"));
        return new ArchiveBuilder()
            .CopyFrom(Images.DockerArchive("busybox"), "manifest.json", "repositories")
            .CopyFrom(Images.DockerArchive("layered"), "manifest.json", "repositories")
            .File("manifest.json", Manifest(
                (busybox.Config, ["localhost/drydock-test/busybox:latest", "busybox:extra"], busybox.Layers),
                (layered.Config, ["localhost/drydock-test/layered:v1"], layered.Layers)))
            .WriteTo(Scratch("two.tar"));
    }

    private static (string Config, string[] Layers) ReadManifest(string archive)
    {
        using var stream = File.OpenRead(archive);
        using var reader = new System.Formats.Tar.TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                using var doc = JsonDocument.Parse(entry.DataStream!);
                var first = doc.RootElement[0];
                return (first.GetProperty("Config").GetString()!,
                    first.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()!).ToArray());
            }
        }

        throw new InvalidOperationException("no manifest.json");
    }

    [Fact]
    public async Task Layer_digest_is_the_stored_member_digest()
    {
        await using var image = await OpenAsync("busybox");
        var layer = Assert.Single(image.Layers);
        Assert.Equal(MediaTypes.DockerLayerTar, layer.MediaType);
        Assert.Equal(layer.DiffId, layer.Digest); // uncompressed: the stored bytes are the tar
    }

    [Fact]
    public async Task Several_images_without_selector_is_an_error_listing_them()
    {
        var path = await TwoImageArchiveAsync();
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(path));
        Assert.Contains("busybox:extra", e.Message);
        Assert.Contains("localhost/drydock-test/layered:v1", e.Message);
    }

    [Theory]
    [InlineData("localhost/drydock-test/busybox:latest", 1)]
    [InlineData("busybox:extra", 1)]
    [InlineData("docker.io/library/busybox:extra", 1)]
    [InlineData("localhost/drydock-test/layered:v1", 3)]
    [InlineData("@1", 3)]
    public async Task Selects_an_image_by_any_of_its_tags(string selector, int layers)
    {
        var path = await TwoImageArchiveAsync();
        await using var image = await OpenFileAsync(path, selector);
        Assert.Equal(layers, image.Layers.Count);
        foreach (var layer in image.Layers)
        {
            var scan = await LayerScan.ReadAsync(layer, selector);
            Assert.Equal(layer.DiffId, scan.Summary.DiffId);
        }
    }

    [Fact]
    public async Task Unknown_selector_is_an_error_listing_the_images()
    {
        var path = await TwoImageArchiveAsync();
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(path, "busybox:latest"));
        Assert.Contains("busybox:extra", e.Message);
    }

    [Fact]
    public async Task Docker_25_archive_with_an_oci_layout_and_compressed_layers_opens()
    {
        await Images.EnsureAsync("busybox");
        var layout = Images.OciLayout("busybox");
        var config = LayoutFacts.ConfigDigest(layout);
        var layer = LayoutFacts.LayerDigests(layout)[0];
        var path = new ArchiveBuilder()
            .Tree(layout)
            .File("manifest.json", Manifest(("blobs/sha256/" + config[7..], ["busybox:latest"], ["blobs/sha256/" + layer[7..]])))
            .WriteTo(Scratch("docker25.tar"));

        await using var image = await OpenFileAsync(path);
        Assert.Equal(config, image.ConfigDigest.ToString());
        var only = Assert.Single(image.Layers);
        Assert.Equal(layer, only.Digest.ToString());
        Assert.Equal(MediaTypes.DockerLayerGzip, only.MediaType);
        var scan = await LayerScan.ReadAsync(only, "docker25");
        Assert.Equal(only.DiffId, scan.Summary.DiffId);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../passwd")]
    public async Task Member_names_outside_the_archive_are_refused(string name)
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var asConfig = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .File("manifest.json", Manifest((name, [], busybox.Layers))).WriteTo(Scratch("config.tar"));
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenFileAsync(asConfig));
        Assert.Contains("outside the archive", e.Message);

        var asLayer = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .File("manifest.json", Manifest((busybox.Config, [], [name]))).WriteTo(Scratch("layer.tar"));
        e = await Assert.ThrowsAsync<HostileInputException>(() => OpenFileAsync(asLayer));
        Assert.Contains("outside the archive", e.Message);
    }

    [Fact]
    public async Task Symlinked_members_resolve_inside_the_archive()
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var path = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .Symlink("cfg/config.json", "/" + busybox.Config)
            .Symlink("hop/layer.tar", "../" + busybox.Layers[0])
            .File("manifest.json", Manifest(("cfg/config.json", [], ["hop/layer.tar"]))).WriteTo(Scratch("links.tar"));
        await using var image = await OpenFileAsync(path);
        Assert.Equal("sha256:" + busybox.Config[..^5], image.ConfigDigest.ToString());
        var scan = await LayerScan.ReadAsync(image.Layers[0], "links");
        Assert.Equal(image.Layers[0].DiffId, scan.Summary.DiffId);
    }

    [Fact]
    public async Task Symlink_loop_is_refused()
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var path = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .Symlink("a/layer.tar", "../b/layer.tar")
            .Symlink("b/layer.tar", "../a/layer.tar")
            .File("manifest.json", Manifest((busybox.Config, [], ["a/layer.tar"]))).WriteTo(Scratch("loop.tar"));
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenFileAsync(path));
        Assert.Contains("links", e.Message);
    }

    [Fact]
    public async Task Symlink_leaving_the_archive_is_refused()
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var path = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .Symlink("x/layer.tar", "../../../etc/passwd")
            .File("manifest.json", Manifest((busybox.Config, [], ["x/layer.tar"]))).WriteTo(Scratch("escape.tar"));
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenFileAsync(path));
        Assert.Contains("outside the archive", e.Message);
    }

    [Fact]
    public async Task Missing_member_is_an_error()
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var path = new ArchiveBuilder().CopyFrom(Images.DockerArchive("busybox"), "manifest.json")
            .File("manifest.json", Manifest((busybox.Config, [], ["nothere/layer.tar"]))).WriteTo(Scratch("missing.tar"));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(path));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public async Task Oversized_manifest_json_is_refused()
    {
        await Images.EnsureAsync("busybox");
        var e = await Assert.ThrowsAsync<HostileInputException>(
            () => OpenFileAsync(Images.DockerArchive("busybox"), options: new SourceOptions { MaxManifestBytes = 64 }));
        Assert.Contains("manifest.json", e.Message);
    }

    [Fact]
    public async Task Altered_layer_fails_with_a_digest_mismatch()
    {
        await Images.EnsureAsync("busybox");
        var busybox = ReadManifest(Images.DockerArchive("busybox"));
        var path = Scratch("altered.tar");
        File.Copy(Images.DockerArchive("busybox"), path);
        await using (var image = await OpenFileAsync(path))
        {
            var bytes = new byte[16];
            // Flip bytes inside the layer member's data, found through the archive's own index.
            var archive = await Drydock.Sources.Archives.TarArchiveIndex.OpenAsync(path, "test", CancellationToken.None);
            var member = archive.Resolve(busybox.Layers[0], "layer");
            await archive.DisposeAsync();
            await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Position = member.DataOffset + 2048;
                file.ReadExactly(bytes);
                file.Position = member.DataOffset + 2048;
                file.Write(bytes.Select(b => (byte)~b).ToArray());
            }

            var stream = await image.Layers[0].OpenAsync(CancellationToken.None);
            await using (stream)
            {
                await Assert.ThrowsAsync<DigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
            }
        }
    }

    [Theory]
    [InlineData(700)]
    [InlineData(1_000_000)]
    public async Task Truncated_archive_is_a_clear_error(int keep)
    {
        await Images.EnsureAsync("busybox");
        var path = Scratch("truncated.tar");
        var bytes = File.ReadAllBytes(Images.DockerArchive("busybox"));
        File.WriteAllBytes(path, bytes[..keep]);
        await Assert.ThrowsAnyAsync<DrydockInputException>(() => OpenFileAsync(path));
    }

    [Fact]
    public async Task Archive_without_manifest_json_is_an_error()
    {
        var path = new ArchiveBuilder().File("hello.txt", "hi").WriteTo(Scratch("plain.tar"));
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenFileAsync(path));
        Assert.Contains("no manifest.json", e.Message);
    }
}
