using Drydock.Analysis;
using Drydock.Analysis.Packages.Rpm;
using Drydock.Layers;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Which entries the rpm analyzer asks for.</summary>
public sealed class RpmRequiredTests
{
    [Theory]
    [InlineData("var/lib/rpm/rpmdb.sqlite", true)]
    [InlineData("var/lib/rpm/Packages", true)]
    [InlineData("var/lib/rpm/Packages.db", true)]
    [InlineData("usr/lib/sysimage/rpm/rpmdb.sqlite", true)]
    [InlineData("usr/lib/sysimage/rpm/Packages.db", true)]
    [InlineData("usr/share/rpm/Packages", true)]
    [InlineData("srv/chroot/var/lib/rpm/Packages", true)]
    [InlineData("var/lib/rpm/Name", false)]
    [InlineData("var/lib/rpm/rpmdb.sqlite-wal", false)]
    [InlineData("myvar/lib/rpm/Packages", false)]
    [InlineData("var/lib/rpmx/Packages", false)]
    [InlineData("Packages", false)]
    [InlineData("var/lib/dpkg/status", false)]
    public void Asks_for_rpm_databases_only(string path, bool wanted)
    {
        var entry = new EntryInfo(path, EntryKind.File, 100, 0x1A4, 0, 0, null, 0);
        Assert.Equal(wanted ? AnalyzerNeed.Content : AnalyzerNeed.None, new RpmDatabaseAnalyzer().Required(entry));
    }

    [Fact]
    public void Symlinks_and_directories_are_not_read()
    {
        var link = new EntryInfo("var/lib/rpm/rpmdb.sqlite", EntryKind.Symlink, 0, 0x1FF, 0, 0, "../../usr/lib/sysimage/rpm/rpmdb.sqlite", 0);
        Assert.Equal(AnalyzerNeed.None, new RpmDatabaseAnalyzer().Required(link));
    }

    [Theory]
    [InlineData("glibc-2.31-9.3.2.src.rpm", "glibc", "2.31-9.3.2")]
    [InlineData("gcc11-11.2.1+git610-1.3.9.src.rpm", "gcc11", "11.2.1+git610-1.3.9")]
    [InlineData("kernel-rt-5.14.0-1.nosrc.rpm", "kernel-rt", "5.14.0-1")]
    public void Source_rpm_names_split_into_name_and_version(string sourceRpm, string name, string version)
        => Assert.Equal((name, version), RpmPackageMapper.SplitSourceRpm(sourceRpm));

    [Theory]
    [InlineData("")]
    [InlineData("glibc.src.rpm")]
    [InlineData("glibc-2.31.src.rpm")]
    [InlineData("glibc-2.31-1.x86_64.rpm")]
    [InlineData("-1-2.src.rpm")]
    public void Malformed_source_rpm_names_give_nothing(string sourceRpm) => Assert.Null(RpmPackageMapper.SplitSourceRpm(sourceRpm));
}
