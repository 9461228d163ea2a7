using Drydock.Analysis;
using Drydock.Merge;
using Drydock.Tests.Support;

namespace Drydock.Tests.Merge;

public sealed class LayerMergerTests
{
    private static async Task<MergedImage> MergeAsync(params TarBuilder[] layers)
    {
        var results = new List<LayerResult>();
        foreach (var l in layers)
        {
            results.Add(await Analyse.TarAsync(l.Build()));
        }

        return LayerMerger.Merge(results);
    }

    [Fact]
    public async Task Whiteout_removes_file_and_keeps_it_as_history()
    {
        var merged = await MergeAsync(
            new TarBuilder().Directory("etc").File("etc/passwd", "root").File("etc/shadow", "x"),
            new TarBuilder().Whiteout("etc/shadow"));

        Assert.True(merged.TryGet("etc/passwd", out _));
        Assert.False(merged.TryGet("etc/shadow", out _));
        var deleted = Assert.Single(merged.Deleted);
        Assert.Equal("etc/shadow", deleted.Record.Path);
        Assert.Equal(0, deleted.Layer);
        Assert.Equal(1, deleted.DeletedBy);
    }

    [Fact]
    public async Task Whiteout_of_directory_removes_all_descendants()
    {
        var merged = await MergeAsync(
            new TarBuilder().Directory("opt").Directory("opt/app").File("opt/app/a", "1").Directory("opt/app/sub").File("opt/app/sub/b", "2").File("opt/keep", "k"),
            new TarBuilder().Whiteout("opt/app"));

        Assert.Equal(["opt", "opt/keep"], merged.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["opt/app", "opt/app/a", "opt/app/sub", "opt/app/sub/b"], merged.Deleted.Select(d => d.Record.Path));
    }

    [Fact]
    public async Task Opaque_directory_hides_lower_content_but_keeps_its_own()
    {
        var merged = await MergeAsync(
            new TarBuilder().Directory("var").Directory("var/cache").File("var/cache/old1", "1").File("var/cache/old2", "2"),
            new TarBuilder().Directory("var/cache").Opaque("var/cache").File("var/cache/new", "n"));

        Assert.True(merged.TryGet("var/cache/new", out var fresh));
        Assert.Equal(1, fresh.Layer);
        Assert.False(merged.TryGet("var/cache/old1", out _));
        Assert.True(merged.TryGet("var/cache", out var dir));
        Assert.Equal(1, dir.Layer);
        Assert.Equal(["var/cache/old1", "var/cache/old2"], merged.Deleted.Select(d => d.Record.Path));
    }

    [Fact]
    public async Task Re_adding_a_deleted_path_in_a_higher_layer_makes_it_present_again()
    {
        var merged = await MergeAsync(
            new TarBuilder().File("a", "v1"),
            new TarBuilder().Whiteout("a"),
            new TarBuilder().File("a", "v3"));

        Assert.True(merged.TryGet("a", out var a));
        Assert.Equal(2, a.Layer);
        var deleted = Assert.Single(merged.Deleted);
        Assert.Equal(0, deleted.Layer);
        Assert.Equal(1, deleted.DeletedBy);
    }

    [Fact]
    public async Task Directory_replaced_by_a_file_hides_its_old_children()
    {
        var merged = await MergeAsync(
            new TarBuilder().Directory("data").File("data/x", "x"),
            new TarBuilder().File("data", "now a file"));

        Assert.Equal(Drydock.Layers.EntryKind.File, merged.Files["data"].Record.Kind);
        Assert.False(merged.TryGet("data/x", out _));
        Assert.Equal(1, Assert.Single(merged.Deleted).DeletedBy);
    }

    [Fact]
    public async Task Overwritten_file_takes_the_upper_layer_version_without_counting_as_deleted()
    {
        var merged = await MergeAsync(
            new TarBuilder().File("etc/motd", "one"),
            new TarBuilder().File("etc/motd", "two, longer"));

        Assert.Equal(1, merged.Files["etc/motd"].Layer);
        Assert.Equal(11, merged.Files["etc/motd"].Record.Size);
        Assert.Empty(merged.Deleted);
    }

    [Fact]
    public async Task Symlinks_resolve_inside_the_root_and_loops_are_reported()
    {
        var merged = await MergeAsync(new TarBuilder()
            .Directory("etc").Directory("usr").Directory("usr/lib")
            .File("usr/lib/os-release", "ID=debian")
            .Symlink("etc/os-release", "../usr/lib/os-release")
            .Symlink("etc/abs", "/usr/lib/os-release")
            .Symlink("etc/escape", "../../../../usr/lib/os-release")
            .Symlink("lib", "usr/lib")
            .Symlink("loop1", "loop2")
            .Symlink("loop2", "loop1")
            .Symlink("dangling", "nowhere"));

        Assert.True(merged.TryResolve("etc/os-release", out var r1, out _));
        Assert.Equal("usr/lib/os-release", r1);
        Assert.True(merged.TryResolve("etc/abs", out var r2, out _));
        Assert.Equal("usr/lib/os-release", r2);
        Assert.True(merged.TryResolve("etc/escape", out var r3, out _));
        Assert.Equal("usr/lib/os-release", r3);
        Assert.True(merged.TryResolve("lib/os-release", out var r4, out _));
        Assert.Equal("usr/lib/os-release", r4);
        Assert.False(merged.TryResolve("loop1", out _, out var loop));
        Assert.True(loop);
        Assert.False(merged.TryResolve("dangling", out _, out var noLoop));
        Assert.False(noLoop);
    }
}
