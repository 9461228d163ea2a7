using Drydock.Analysis;
using Drydock.Analysis.Census;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis;

public sealed class FileCensusTests
{
    private static readonly byte[] Elf = [0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0];

    private static byte[] Pe()
    {
        var pe = new byte[256];
        pe[0] = (byte)'M';
        pe[1] = (byte)'Z';
        BitConverter.GetBytes(128).CopyTo(pe, 0x3c);
        "PE\0\0"u8.CopyTo(pe.AsSpan(128));
        return pe;
    }

    [Fact]
    public async Task Census_classifies_executables_and_risky_permissions()
    {
        var result = await Analyse.TarAsync(new TarBuilder()
            .Directory("bin")
            .File("bin/su", Elf, mode: 0x800 | 0x1ed)
            .File("bin/wall", Elf, mode: 0x400 | 0x1ed)
            .File("bin/tool.exe", Pe())
            .File("bin/run.sh", "#!/bin/sh\necho hi\n", mode: 0x1ed)
            .File("tmp-open", "x", mode: 0x1b6)
            .File("not-pe", "MZ but too short")
            .Symlink("bin/sh", "busybox")
            .Build());

        var census = CensusSummary.Of(result.Files);
        Assert.Equal(6, census.Files);
        Assert.Equal(1, census.Directories);
        Assert.Equal(1, census.Symlinks);
        Assert.Equal(2, census.ElfExecutables);
        Assert.Equal(1, census.PeExecutables);
        Assert.Equal(1, census.Scripts);
        Assert.Equal(["bin/su"], census.SetUid);
        Assert.Equal(["bin/wall"], census.SetGid);
        Assert.Equal(["tmp-open"], census.WorldWritable);
    }

    [Theory]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46 }, ExecutableFormat.Elf)]
    [InlineData(new byte[] { 0x23, 0x21, 0x2f }, ExecutableFormat.Script)]
    [InlineData(new byte[] { 0xcf, 0xfa, 0xed, 0xfe }, ExecutableFormat.MachO)]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c }, ExecutableFormat.None)]
    [InlineData(new byte[] { }, ExecutableFormat.None)]
    public void Magic_bytes(byte[] head, ExecutableFormat expected) => Assert.Equal(expected, ExecutableMagic.Classify(head));

    [Fact]
    public async Task Layer_result_is_sorted_and_records_whiteouts_apart()
    {
        var result = await Analyse.TarAsync(new TarBuilder().File("z", "1").File("a", "2").Whiteout("m/gone").Opaque("q").Build());
        Assert.Equal(["a", "z"], result.Files.Select(f => f.Path));
        Assert.Equal(["m/gone"], result.Whiteouts);
        Assert.Equal(["q"], result.OpaqueDirectories);
    }

    [Fact]
    public async Task Oversized_content_is_skipped_with_a_warning_not_dropped_silently()
    {
        var limits = Drydock.Layers.InputLimits.Default with { MaxAnalyzedFileBytes = 8 };
        var result = await Analyse.TarAsync(new TarBuilder().File("etc/os-release", "ID=debian\nVERSION_ID=12\n").Build(), limits: limits);
        Assert.Equal(1, result.SkippedLargeFiles);
        Assert.Contains(result.Warnings, w => w.Code == "file-too-large" && w.Path == "etc/os-release");
        Assert.Empty(result.OsReleaseFiles);
        Assert.Single(result.Files);
    }
}
