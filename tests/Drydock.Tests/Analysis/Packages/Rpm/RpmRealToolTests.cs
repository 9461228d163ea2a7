using Drydock.Analysis;
using Drydock.Analysis.Packages.Rpm;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Databases written by the real rpm (and Berkeley DB's db_load) read the same as <c>rpm -qa</c> prints them.</summary>
public sealed class RpmRealToolTests(RpmLab lab) : IClassFixture<RpmLab>
{
    [Fact]
    public async Task Sqlite_database_written_by_rpm_matches_rpm_qa()
    {
        var expected = await lab.QueryAllAsync();
        var result = RpmDb.Analyse("var/lib/rpm/rpmdb.sqlite", await File.ReadAllBytesAsync(lab.SqlitePath));

        Assert.Empty(result.Warnings);
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, result.Packages.Select(RpmLab.Line).Order(StringComparer.Ordinal).ToList());
        var beta = result.Packages.Single(p => p.Name == "beta");
        foreach (var package in result.Packages)
        {
            var listed = await ProcessRunner.RunCheckedAsync("rpm", "--root", lab.Root, "--dbpath", "/var/lib/rpm", "-ql", package.Name);
            Assert.Equal(listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimStart('/')).Order(StringComparer.Ordinal), package.InstalledFiles);

            // File digests as rpm prints them (sha256 for rpm 4.x builds), none for directories.
            var algorithm = (await ProcessRunner.RunCheckedAsync("rpm", "--root", lab.Root, "--dbpath", "/var/lib/rpm", "-q", "--qf", "%{FILEDIGESTALGO}", package.Name)).Stdout.Trim();
            var dumped = await ProcessRunner.RunCheckedAsync("rpm", "--root", lab.Root, "--dbpath", "/var/lib/rpm", "-q", "--qf", "[%{FILENAMES} %{FILEDIGESTS}\n]", package.Name);
            var expectedDigests = dumped.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (Path: l[..l.LastIndexOf(' ')], Hex: l[(l.LastIndexOf(' ') + 1)..])).Where(f => f.Hex.Length > 0)
                .ToDictionary(f => f.Path.TrimStart('/'), f => (algorithm == "8" ? "sha256:" : "md5:") + f.Hex);
            Assert.Equal(expectedDigests.OrderBy(d => d.Key, StringComparer.Ordinal), (package.FileDigests ?? []).OrderBy(d => d.Key, StringComparer.Ordinal));
        }

        Assert.NotEmpty(beta.FileDigests!);

        Assert.Equal(["etc/beta/beta.conf", "usr/share/beta/README", "usr/share/beta/doc/notes.txt"], beta.InstalledFiles);
        Assert.Equal(2, beta.Epoch);
        Assert.Null(result.Packages.Single(p => p.Name == "alpha").Epoch);
        Assert.Equal(0, result.Packages.Single(p => p.Name == "gamma").Epoch);
    }

    [Theory]
    [InlineData("hash")]
    [InlineData("hash512")]
    [InlineData("btree")]
    public async Task Berkeley_db_files_hold_the_same_packages(string kind)
    {
        var expected = await lab.QueryAllAsync();
        var result = RpmDb.Analyse("var/lib/rpm/Packages", await File.ReadAllBytesAsync(Path.Combine(lab.BdbDirectory(kind), "Packages")));

        Assert.Empty(result.Warnings);
        Assert.Equal(expected, result.Packages.Select(RpmLab.Line).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Rpm_reads_the_btree_file_with_its_bdb_ro_backend_as_we_do()
    {
        // rpm 4.18's read-only Berkeley DB backend accepts db5.3_load's btree file and lists the same packages, so the
        // file is a genuine rpm database. (It refuses the hash files db5.3_load writes; the peers' hash fixtures,
        // which it does read, are covered in RpmFixtureTests.)
        var viaRpm = await lab.QueryAllAsync(lab.BdbDirectory("btree"), "bdb_ro");
        var result = RpmDb.Analyse("var/lib/rpm/Packages", await File.ReadAllBytesAsync(Path.Combine(lab.BdbDirectory("btree"), "Packages")));

        Assert.Equal(viaRpm, result.Packages.Select(RpmLab.Line).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_layer_with_the_database_under_usr_lib_sysimage_yields_its_packages()
    {
        var tar = new TarBuilder()
            .File("usr/lib/sysimage/rpm/rpmdb.sqlite", await File.ReadAllBytesAsync(lab.SqlitePath))
            .File("srv/chroot/var/lib/rpm/Packages", await File.ReadAllBytesAsync(Path.Combine(lab.BdbDirectory("hash"), "Packages")))
            .File("home/user/var/lib/rpmx/Packages", "not looked at")
            .Build();

        var result = await Analyse.TarAsync(tar, new AnalyzerCatalog([new RpmDatabaseAnalyzer()]));

        Assert.Empty(result.Warnings);
        Assert.Equal(6, result.Packages.Count);
        Assert.Equal(["srv/chroot/var/lib/rpm/Packages", "usr/lib/sysimage/rpm/rpmdb.sqlite"], result.Packages.Select(p => p.SourcePath).Distinct().ToList());
    }
}
