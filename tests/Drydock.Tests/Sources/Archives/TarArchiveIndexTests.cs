using Drydock.Sources.Archives;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sources.Archives;

/// <summary>The one-pass tar index: lookups, link resolution and refusals.</summary>
public sealed class TarArchiveIndexTests
{
    private static async Task<TarArchiveIndex> OpenAsync(ArchiveBuilder builder)
    {
        var path = builder.WriteTo(Path.Combine(RepoPaths.Scratch("tar-index"), "a.tar"));
        return await TarArchiveIndex.OpenAsync(path, "test", CancellationToken.None);
    }

    [Fact]
    public async Task Serves_members_as_windows_and_follows_hard_and_symbolic_links()
    {
        await using var index = await OpenAsync(new ArchiveBuilder()
            .File("./dir/a.txt", "alpha").File("b.txt", "bravo").Symlink("dir/link", "../b.txt"));
        var member = index.Resolve("dir/link", "member");
        Assert.Equal("b.txt", member.Name);
        using var reader = new StreamReader(index.Open(member));
        Assert.Equal("bravo", await reader.ReadToEndAsync());
        Assert.Equal("dir/a.txt", index.Resolve("/dir/./a.txt", "member").Name);
        Assert.Null(index.TryResolve("nothing", "member"));
    }

    [Fact]
    public async Task Duplicate_members_are_refused()
    {
        var e = await Assert.ThrowsAsync<HostileInputException>(() => OpenAsync(new ArchiveBuilder().File("a", "1").File("./a", "2")));
        Assert.Contains("more than once", e.Message);
    }

    [Fact]
    public async Task Directory_is_not_a_member_file()
    {
        await using var index = await OpenAsync(new ArchiveBuilder().Directory("d/"));
        Assert.Throws<DrydockInputException>(() => index.Resolve("d", "member"));
    }

    [Theory]
    [InlineData("a/b/../../../x", null)]
    [InlineData("./a//b/", "a/b")]
    [InlineData("/abs/x", "abs/x")]
    public void Normalises_names_and_refuses_climbing_out(string name, string? expected)
    {
        Assert.Equal(expected, ArchivePath.Normalise(name));
    }
}
