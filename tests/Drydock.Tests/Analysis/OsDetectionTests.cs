using Drydock.Analysis.Os;
using Drydock.Merge;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis;

public sealed class OsDetectionTests
{
    private static async Task<OsInfo?> DetectAsync(TarBuilder layer)
    {
        var merged = LayerMerger.Merge([await Analyse.TarAsync(layer.Build())]);
        return OsDetector.Detect(path =>
        {
            if (!merged.TryResolve(path, out var resolved, out _) || !merged.TryGet(resolved, out var f))
            {
                return null;
            }

            return merged.Layers[f.Layer].OsReleaseFiles.SingleOrDefault(r => r.Path == resolved);
        });
    }

    [Fact]
    public async Task Debian_uses_the_point_release_from_debian_version_through_the_os_release_symlink()
    {
        var os = await DetectAsync(new TarBuilder()
            .File("usr/lib/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n")
            .Symlink("etc/os-release", "../usr/lib/os-release")
            .File("etc/debian_version", "12.11\n"));
        Assert.Equal(new OsInfo("debian", "12.11", "Debian GNU/Linux 12 (bookworm)", "usr/lib/os-release"), os);
    }

    [Fact]
    public async Task Alpine_takes_the_full_version_from_alpine_release()
    {
        var os = await DetectAsync(new TarBuilder()
            .File("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\n")
            .File("etc/alpine-release", "3.19.1\n"));
        Assert.Equal("alpine", os!.Family);
        Assert.Equal("3.19.1", os.Version);
    }

    [Fact]
    public async Task Alpine_without_os_release()
    {
        var os = await DetectAsync(new TarBuilder().File("etc/alpine-release", "3.18.4\n"));
        Assert.Equal(("alpine", "3.18.4"), (os!.Family, os.Version));
    }

    [Theory]
    [InlineData("etc/redhat-release", "Red Hat Enterprise Linux release 9.3 (Plow)", "redhat", "9.3")]
    [InlineData("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)", "centos", "7.9.2009")]
    [InlineData("etc/rocky-release", "Rocky Linux release 9.3 (Blue Onyx)", "rocky", "9.3")]
    [InlineData("etc/system-release", "Amazon Linux release 2 (Karoo)", "amazon", "2")]
    public async Task Red_hat_style_release_files(string path, string text, string family, string version)
    {
        var os = await DetectAsync(new TarBuilder().File(path, text + "\n"));
        Assert.Equal((family, version), (os!.Family, os.Version));
    }

    [Fact]
    public async Task Rhel_id_in_os_release_is_reported_as_redhat()
    {
        var os = await DetectAsync(new TarBuilder().File("etc/os-release", "ID=\"rhel\"\nVERSION_ID=\"9.3\"\nPRETTY_NAME='Red Hat Enterprise Linux 9.3 (Plow)'\n"));
        Assert.Equal(("redhat", "9.3", "Red Hat Enterprise Linux 9.3 (Plow)"), (os!.Family, os.Version, os.Name));
    }

    [Fact]
    public async Task Unknown_when_no_release_file_exists()
    {
        Assert.Null(await DetectAsync(new TarBuilder().File("bin/sh", "#!")));
    }

    [Fact]
    public void Os_release_parser_handles_quotes_escapes_and_comments()
    {
        var fields = OsReleaseAnalyzer.ParseKeyValues("# comment\nNAME=\"A \\\"quoted\\\" name\"\nID=x\n  BAD LINE\nEMPTY=\nVERSION='1 2'\n");
        Assert.Equal("A \"quoted\" name", fields["NAME"]);
        Assert.Equal("x", fields["ID"]);
        Assert.Equal("", fields["EMPTY"]);
        Assert.Equal("1 2", fields["VERSION"]);
        Assert.False(fields.ContainsKey("BAD LINE"));
    }
}
