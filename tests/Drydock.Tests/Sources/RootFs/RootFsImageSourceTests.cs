using System.Net.Sockets;
using Drydock.Layers;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.RootFs;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.RootFs;

/// <summary>The <c>dir:</c> backend on the unpacked busybox root filesystem, and on small trees with every file kind.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class RootFsImageSourceTests(TestImages images) : ImageSourceConformanceTests(images)
{
    protected override IImageSource Source { get; } = new RootFsImageSource();

    protected override IReadOnlyList<string> ImageNames => ["busybox"];

    protected override bool HasConfig => false;

    protected override bool HasManifest => false;

    protected override Platform ExpectedPlatform => Platform.Host;

    protected override int EntryCountAdjustment => -1; // the generated tar has no entry for the root itself

    protected override ImageReference ReferenceTo(string image) => ImageReference.ForLocal(ImageTransport.RootFs, Images.RootFs(image));

    private Task<IImage> OpenDirAsync(string path)
        => Source.OpenAsync(ImageReference.ForLocal(ImageTransport.RootFs, path), new SourceOptions(), CancellationToken.None);

    [Fact]
    public async Task Layer_has_no_digests_until_read()
    {
        await using var image = await OpenAsync("busybox");
        var layer = Assert.Single(image.Layers);
        Assert.Null(layer.Digest);
        Assert.Null(layer.DiffId);
        Assert.Equal(MediaTypes.OciLayer, layer.MediaType);
        Assert.Null(image.ManifestDigest);
        Assert.Null(image.ConfigDigest);
    }

    [Fact]
    public async Task Every_file_kind_becomes_the_right_entry_in_ordinal_order()
    {
        var root = RepoPaths.Scratch("rootfs");
        var outside = RepoPaths.Scratch("rootfs-outside");
        File.WriteAllText(Path.Combine(outside, "secret"), "outside");
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.WriteAllText(Path.Combine(root, "b", "file"), "hello");
        File.WriteAllText(Path.Combine(root, "B"), "upper");
        File.CreateSymbolicLink(Path.Combine(root, "link-out"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "link-file"), "b/file");
        await ProcessRunner.RunCheckedAsync("ln", Path.Combine(root, "b", "file"), Path.Combine(root, "hard"));
        await ProcessRunner.RunCheckedAsync("mkfifo", Path.Combine(root, "fifo"));
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(root, "sock")));
        }

        await using var image = await OpenDirAsync(root);
        var scan = await LayerScan.ReadAsync(image.Layers[0], "tree");
        var entries = scan.Entries.ToDictionary(e => e.Path);

        Assert.Equal(["B", "b", "b/file", "fifo", "hard", "link-file", "link-out"], scan.Entries.Select(e => e.Path));
        Assert.Equal(EntryKind.File, entries["B"].Kind);
        Assert.Equal(EntryKind.Directory, entries["b"].Kind);
        Assert.Equal(5, entries["b/file"].Size);
        Assert.Equal(EntryKind.Fifo, entries["fifo"].Kind);
        Assert.Equal(EntryKind.HardLink, entries["hard"].Kind);
        Assert.Equal("b/file", entries["hard"].LinkTarget);
        Assert.Equal(EntryKind.Symlink, entries["link-out"].Kind);
        Assert.Equal(outside, entries["link-out"].LinkTarget);
        Assert.Equal("b/file", entries["link-file"].LinkTarget);
        Assert.DoesNotContain(scan.Entries, e => e.Path.Contains("secret"));
    }

    [Fact]
    public async Task Reading_twice_gives_the_same_diff_id()
    {
        await using var image = await OpenAsync("busybox");
        var first = await LayerScan.ReadAsync(image.Layers[0], "first");
        var second = await LayerScan.ReadAsync(image.Layers[0], "second");
        Assert.Equal(first.Entries.Select(e => e.Path), second.Entries.Select(e => e.Path));
        Assert.Equal(first.Summary.EntryCount, second.Summary.EntryCount);
    }

    [Fact]
    public async Task Abandoning_the_stream_stops_the_writer()
    {
        await using var image = await OpenAsync("busybox");
        var stream = await image.Layers[0].OpenAsync(CancellationToken.None);
        var buffer = new byte[1024];
        await stream.ReadExactlyAsync(buffer);
        await stream.DisposeAsync(); // awaits the background writer: a hang here fails the run
        Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
    }

    [Fact]
    public async Task Cancellation_reaches_the_reader()
    {
        await using var image = await OpenAsync("busybox");
        using var cancellation = new CancellationTokenSource();
        var stream = await image.Layers[0].OpenAsync(cancellation.Token);
        await using (stream)
        {
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.CopyToAsync(Stream.Null));
        }
    }

    [Fact]
    public async Task Missing_path_or_file_is_an_error()
    {
        var scratch = RepoPaths.Scratch("rootfs");
        var e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(Path.Combine(scratch, "absent")));
        Assert.Contains("no such directory", e.Message);
        var file = Path.Combine(scratch, "file");
        File.WriteAllText(file, "x");
        e = await Assert.ThrowsAsync<DrydockInputException>(() => OpenDirAsync(file));
        Assert.Contains("not a directory", e.Message);
    }
}
