using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Dpkg;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Packages.Dpkg;

public sealed class DpkgInfoAnalyzerTests
{
    private static readonly DpkgInfoAnalyzer Analyzer = new();

    [Fact]
    public void List_files_drop_directories_and_keep_the_arch_in_the_name()
    {
        var result = AnalyzerRun.Bytes(Analyzer, "var/lib/dpkg/info/libacl1:amd64.list",
            Encoding.UTF8.GetBytes("/.\n/usr\n/usr/lib\n/usr/lib/x86_64-linux-gnu\n/usr/lib/x86_64-linux-gnu/libacl.so.1.1.2301\n/usr/share/doc/libacl1\n/usr/share/doc/libacl1/copyright\n/usr/lib/x86_64-linux-gnu/libacl.so.1\n/etc/empty-dir"));
        var evidence = Assert.Single(result.PackageEvidence);
        Assert.Equal(("libacl1:amd64", PackageEvidence.Files, PackageTypes.Deb), (evidence.Name, evidence.Kind, evidence.Type));
        Assert.Equal(["etc/empty-dir", "usr/lib/x86_64-linux-gnu/libacl.so.1", "usr/lib/x86_64-linux-gnu/libacl.so.1.1.2301", "usr/share/doc/libacl1/copyright"], evidence.Values);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Md5sums_beside_a_distroless_status_entry()
    {
        var result = AnalyzerRun.Bytes(Analyzer, "var/lib/dpkg/status.d/tzdata.md5sums",
            Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef  usr/share/zoneinfo/UTC\r\nnot a line\n0123456789abcdef0123456789abcdef  usr/share/a file with spaces\n"));
        var evidence = Assert.Single(result.PackageEvidence, e => e.Kind == PackageEvidence.Files);
        Assert.Equal("tzdata", evidence.Name);
        Assert.Equal(["usr/share/a file with spaces", "usr/share/zoneinfo/UTC"], evidence.Values);
        Assert.Equal("dpkg-malformed-md5sums", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Md5sums_give_each_file_its_digest_for_the_sboms()
    {
        var result = AnalyzerRun.Bytes(Analyzer, "var/lib/dpkg/info/libacl1:amd64.md5sums",
            Encoding.UTF8.GetBytes("0123456789ABCDEF0123456789abcdef  usr/share/a file with spaces\nfedcba9876543210fedcba9876543210 *usr/lib/libacl.so.1\n"));
        var digests = Assert.Single(result.PackageEvidence, e => e.Kind == PackageEvidence.FileDigests);
        Assert.Equal("libacl1:amd64", digests.Name);
        Assert.Equal(["usr/lib/libacl.so.1 md5:fedcba9876543210fedcba9876543210", "usr/share/a file with spaces md5:0123456789abcdef0123456789abcdef"], digests.Values);
        Assert.True(FileDigest.TryParseEntry(digests.Values[1], out var path, out var digest));
        Assert.Equal(("usr/share/a file with spaces", FileDigest.Md5, "0123456789abcdef0123456789abcdef"), (path, digest.Algorithm, digest.Hex));

        var list = AnalyzerRun.Bytes(Analyzer, "var/lib/dpkg/info/bash.list", Encoding.UTF8.GetBytes("/usr/bin/bash\n"));
        Assert.DoesNotContain(list.PackageEvidence, e => e.Kind == PackageEvidence.FileDigests);
    }

    [Fact]
    public void Garbage_lists_are_bounded()
    {
        var garbage = new byte[1_000_000];
        new Random(3).NextBytes(garbage);
        var result = AnalyzerRun.Bytes(Analyzer, "var/lib/dpkg/info/x.md5sums", garbage);
        Assert.Empty(result.PackageEvidence);
        Assert.Single(result.Warnings);
    }

    [Theory]
    [InlineData("var/lib/dpkg/info/bash.list", true)]
    [InlineData("var/lib/dpkg/info/bash.md5sums", true)]
    [InlineData("var/lib/dpkg/info/bash.postinst", false)]
    [InlineData("var/lib/dpkg/info/.list", false)]
    [InlineData("var/lib/dpkg/status.d/bash.md5sums", true)]
    [InlineData("var/lib/dpkg/status.d/bash", false)]
    [InlineData("var/lib/dpkg/info/sub/bash.list", false)]
    public void Required_paths(string path, bool wanted)
        => Assert.Equal(wanted, Analyzer.Required(new EntryInfo(path, EntryKind.File, 10, 0x1a4, 0, 0, null, 0)) == AnalyzerNeed.Content);
}
