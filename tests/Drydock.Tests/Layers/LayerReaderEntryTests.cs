using System.Formats.Tar;
using Drydock.Layers;
using static Drydock.Tests.Layers.LayerTars;

namespace Drydock.Tests.Layers;

public sealed class LayerReaderEntryTests
{
    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public async Task Yields_every_entry_kind_with_content_and_links(TarEntryFormat format)
    {
        var tar = Tar(format,
            ("etc/", TarEntryType.Directory, null),
            ("etc/os-release", TarEntryType.RegularFile, "ID=debian\n"),
            ("etc/empty", TarEntryType.RegularFile, ""),
            ("bin/sh", TarEntryType.SymbolicLink, "busybox"),
            ("bin/ash", TarEntryType.HardLink, "etc/os-release"),
            ("dev/null", TarEntryType.CharacterDevice, null),
            ("dev/sda", TarEntryType.BlockDevice, null),
            ("run/pipe", TarEntryType.Fifo, null));

        var (entries, reader) = await ReadAllAsync(tar);

        Assert.Equal(
            [
                ("etc", EntryKind.Directory), ("etc/os-release", EntryKind.File), ("etc/empty", EntryKind.File),
                ("bin/sh", EntryKind.Symlink), ("bin/ash", EntryKind.HardLink), ("dev/null", EntryKind.CharDevice),
                ("dev/sda", EntryKind.BlockDevice), ("run/pipe", EntryKind.Fifo),
            ],
            entries.Select(e => (e.Info.Path, e.Info.Kind)));
        Assert.Equal("ID=debian\n", System.Text.Encoding.UTF8.GetString(entries[1].Content!));
        Assert.Equal(10, entries[1].Info.Size);
        Assert.Empty(entries[2].Content ?? []);
        Assert.Equal("busybox", entries[3].Info.LinkTarget);
        Assert.Equal("etc/os-release", entries[4].Info.LinkTarget);
        Assert.All(entries.Where(e => !e.Info.IsFile), e => Assert.Null(e.Content));
        Assert.Equal(0x1A0, entries[1].Info.Mode);
        Assert.Equal(8, reader.Summary!.EntryCount);
        Assert.Equal(8, reader.EntriesRead);
        Assert.Empty(reader.Summary.Warnings);
    }

    [Theory]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Pax)]
    public async Task Reads_long_names_and_long_link_targets(TarEntryFormat format)
    {
        var longDir = string.Join('/', Enumerable.Repeat("directory-name-of-some-length", 12));
        var longFile = longDir + "/file.txt";
        var tar = Tar(format,
            (longFile, TarEntryType.RegularFile, "deep"),
            ("link", TarEntryType.SymbolicLink, "/" + longFile));

        var (entries, _) = await ReadAllAsync(tar);

        Assert.True(longFile.Length > 300);
        Assert.Equal(longFile, entries[0].Info.Path);
        Assert.Equal("deep"u8.ToArray(), entries[0].Content);
        Assert.Equal("/" + longFile, entries[1].Info.LinkTarget);
    }

    [Fact]
    public async Task Reads_ustar_prefix_names()
    {
        var name = new string('p', 120) + "/" + new string('n', 90);
        var (entries, _) = await ReadAllAsync(Tar(TarEntryFormat.Ustar, (name, TarEntryType.RegularFile, "x")));

        Assert.Equal(name, Assert.Single(entries).Info.Path);
    }

    [Fact]
    public async Task Recognises_whiteouts_and_opaque_markers_and_ignores_aufs_bookkeeping()
    {
        var tar = Tar(TarEntryFormat.Pax,
            ("etc/.wh.passwd", TarEntryType.RegularFile, ""),
            ("var/cache/.wh..wh..opq", TarEntryType.RegularFile, ""),
            (".wh.toplevel", TarEntryType.RegularFile, ""),
            (".wh..wh..opq", TarEntryType.RegularFile, ""),
            (".wh..wh.plnk/123.456", TarEntryType.RegularFile, "hard-link pool"),
            (".wh..wh.plnk", TarEntryType.Directory, null),
            ("a/.wh..", TarEntryType.RegularFile, ""),
            ("kept", TarEntryType.RegularFile, "k"));

        var (entries, reader) = await ReadAllAsync(tar);

        Assert.Equal(
            [
                ("etc/passwd", EntryKind.Whiteout), ("var/cache", EntryKind.OpaqueWhiteout), ("toplevel", EntryKind.Whiteout),
                ("", EntryKind.OpaqueWhiteout), (".wh..wh.plnk/123.456", EntryKind.File), ("kept", EntryKind.File),
            ],
            entries.Select(e => (e.Info.Path, e.Info.Kind)));
        Assert.Contains(reader.Summary!.Warnings, w => w.Code == "invalid-whiteout");
    }

    [Fact]
    public async Task Normalises_paths_and_skips_those_that_climb_out()
    {
        var tar = Tar(TarEntryFormat.Pax,
            ("./", TarEntryType.Directory, null),
            ("./a", TarEntryType.RegularFile, "a"),
            ("/abs/b", TarEntryType.RegularFile, "b"),
            ("a//b/./c", TarEntryType.RegularFile, "c"),
            ("d/../e", TarEntryType.RegularFile, "e"),
            ("../x", TarEntryType.RegularFile, "evil"),
            ("a/../../x", TarEntryType.RegularFile, "evil"));

        var (entries, reader) = await ReadAllAsync(tar);

        Assert.Equal(["a", "abs/b", "a/b/c", "e"], entries.Select(e => e.Info.Path));
        var traversals = reader.Summary!.Warnings.Where(w => w.Code == "path-traversal").Select(w => w.Path).ToList();
        Assert.Equal(["../x", "a/../../x"], traversals);
    }

    [Fact]
    public async Task Skips_hard_links_outside_the_root_but_keeps_climbing_symlinks_with_a_warning()
    {
        var tar = Tar(TarEntryFormat.Pax,
            ("hl", TarEntryType.HardLink, "../../etc/shadow"),
            ("hl-abs", TarEntryType.HardLink, "/etc/passwd"),
            ("usr/sl", TarEntryType.SymbolicLink, "../../../etc/shadow"),
            ("usr/ok", TarEntryType.SymbolicLink, "../bin/sh"));

        var (entries, reader) = await ReadAllAsync(tar);

        Assert.Equal(
            [("hl-abs", EntryKind.HardLink, "etc/passwd"), ("usr/sl", EntryKind.Symlink, "../../../etc/shadow"), ("usr/ok", EntryKind.Symlink, "../bin/sh")],
            entries.Select(e => (e.Info.Path, e.Info.Kind, e.Info.LinkTarget!)));
        var warnings = reader.Summary!.Warnings.Where(w => w.Code == "link-outside-root").Select(w => w.Path).ToList();
        Assert.Equal(["hl", "usr/sl"], warnings);
    }

    [Fact]
    public async Task Ignores_pax_global_headers_silently()
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "git" }));
            writer.WriteEntry(Entry(TarEntryFormat.Pax, TarEntryType.RegularFile, "f", "1"));
        }

        var (entries, reader) = await ReadAllAsync(ms.ToArray());

        Assert.Equal("f", Assert.Single(entries).Info.Path);
        Assert.Empty(reader.Summary!.Warnings);
        Assert.Equal(2, reader.Summary.EntryCount);
    }

    [Fact]
    public async Task Reads_a_layer_of_100000_entries()
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            for (var i = 0; i < 100_000; i++)
            {
                writer.WriteEntry(Entry(TarEntryFormat.Pax, TarEntryType.RegularFile, $"d{i % 100}/f{i}", i % 7 == 0 ? "data" : null));
            }
        }

        var reader = Reader(Gzip(ms.ToArray()), GzipMediaType);
        var count = 0;
        await foreach (var entry in reader.ReadAsync())
        {
            Assert.Equal($"d{count % 100}/f{count}", entry.Info.Path);
            count++;
        }

        Assert.Equal(100_000, count);
        Assert.Equal(100_000, reader.Summary!.EntryCount);
    }
}
