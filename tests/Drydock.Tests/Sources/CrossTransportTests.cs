using Drydock.Layers;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.DockerArchive;
using Drydock.Sources.OciLayout;
using Drydock.Sources.RootFs;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources;

/// <summary>The same image through every local transport must be the same image.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class CrossTransportTests(TestImages images)
{
    private readonly ImageOpener _opener = new([new OciLayoutImageSource(), new OciArchiveImageSource(), new DockerArchiveImageSource(), new RootFsImageSource()]);

    private async Task<(IImage Image, List<LayerScan.Result> Scans)> ReadAsync(string reference)
    {
        var image = await _opener.OpenAsync(ImageReference.Parse(reference), new SourceOptions(), CancellationToken.None);
        var scans = new List<LayerScan.Result>();
        foreach (var layer in image.Layers)
        {
            scans.Add(await LayerScan.ReadAsync(layer, reference));
        }

        return (image, scans);
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("layered")]
    public async Task Oci_oci_archive_and_docker_archive_agree(string name)
    {
        await images.EnsureAsync(name);
        var tag = TestImages.TagOf(name);
        var (oci, ociScans) = await ReadAsync($"oci:{images.OciLayout(name)}:{tag}");
        var (archive, archiveScans) = await ReadAsync($"oci-archive:{images.OciArchive(name)}:{tag}");
        var (docker, dockerScans) = await ReadAsync($"docker-archive:{images.DockerArchive(name)}:localhost/drydock-test/{name}:{tag}");
        await using (oci)
        await using (archive)
        await using (docker)
        {
            Assert.Equal(oci.ConfigDigest, archive.ConfigDigest);
            Assert.Equal(oci.ConfigDigest, docker.ConfigDigest);
            Assert.Equal(oci.ManifestDigest, archive.ManifestDigest);
            Assert.Equal(images.ManifestDigest(name), oci.ManifestDigest.ToString());
            Assert.Null(docker.ManifestDigest);

            var diffIds = ociScans.Select(s => s.Summary.DiffId).ToList();
            Assert.Equal(diffIds, archiveScans.Select(s => s.Summary.DiffId));
            Assert.Equal(diffIds, dockerScans.Select(s => s.Summary.DiffId));
            Assert.Equal(oci.Layers.Select(l => l.DiffId), docker.Layers.Select(l => l.DiffId));

            var counts = ociScans.Select(s => s.Summary.EntryCount).ToList();
            Assert.Equal(counts, archiveScans.Select(s => s.Summary.EntryCount));
            Assert.Equal(counts, dockerScans.Select(s => s.Summary.EntryCount));
            Assert.Equal(Describe(ociScans[^1]), Describe(dockerScans[^1]));
        }
    }

    [Fact]
    public async Task Root_filesystem_matches_the_image_layer_it_was_unpacked_from()
    {
        await images.EnsureAsync("busybox");
        var (image, imageScans) = await ReadAsync($"oci:{images.OciLayout("busybox")}");
        var (dir, dirScans) = await ReadAsync($"dir:{images.RootFs("busybox")}");
        await using (image)
        await using (dir)
        {
            var expected = Describe(Assert.Single(imageScans));
            var actual = Describe(Assert.Single(dirScans));
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }

    private static List<(string Path, EntryKind Kind, long Size, int Mode)> Describe(LayerScan.Result scan)
        => scan.Entries.Select(e => (e.Path, e.Kind, e.Size, e.Mode)).OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
}
