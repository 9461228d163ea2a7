using System.Buffers.Binary;
using Drydock.Analysis;
using Drydock.Analysis.Packages;
using Drydock.Analysis.Packages.Golang;
using Drydock.Layers;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.Packages.Golang;

public sealed class GoBinaryAnalyzerTests(GoToolchain go) : IClassFixture<GoToolchain>
{
    /// <summary>Go programs shipped by Debian packages on this machine (built in GOPATH mode: no module lines).</summary>
    public static TheoryData<string> DebianBinaries => new() { "/usr/bin/docker-registry", "/usr/bin/skopeo", "/usr/bin/umoci", "/usr/sbin/runc" };

    public static TheoryData<string> Architectures => new(GoToolchain.Architectures);

    [Theory]
    [MemberData(nameof(DebianBinaries))]
    public async Task Debian_binaries_match_go_version_m(string binary)
    {
        var (goVersion, deps, main) = await GoToolchain.VersionMAsync(binary);
        var packages = Analyze(binary, File.ReadAllBytes(binary));

        Assert.Equal(Sorted(deps), Deps(packages, main));
        var stdlib = Assert.Single(packages, p => p.Name == GoBinaryAnalyzer.StdlibName);
        Assert.Equal(GoBinaryAnalyzer.StdlibVersion(goVersion), stdlib.Version);
        Assert.Equal(goVersion, stdlib.Metadata["goVersion"]);
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public async Task Module_builds_match_go_version_m_on_every_word_size_and_byte_order(string arch)
    {
        var binary = go.Builds[arch];
        var (goVersion, deps, main) = await GoToolchain.VersionMAsync(binary);
        var packages = Analyze(binary, File.ReadAllBytes(binary));

        Assert.Equal([("example.com/dep", "v1.2.3"), ("example.com/other", "v0.4.0")], deps);
        Assert.Equal(Sorted(deps), Deps(packages, main));
        Assert.Equal("../dep (devel)", packages.Single(p => p.Name == "example.com/dep").Metadata["replacedBy"]);

        // The main module reads "(devel)"; the version stamped with -ldflags -X main.version wins, as in Trivy.
        var app = Assert.Single(packages, p => p.Name == "example.com/app");
        Assert.Equal("example.com/app", main);
        Assert.Equal("1.4.2", app.Version);
        Assert.Equal("(devel)", app.Metadata["declaredVersion"]);
        Assert.Equal(arch, app.Metadata["build:GOARCH"]);
        Assert.Equal("-X main.version=1.4.2", app.Metadata["build:-ldflags"]);
        Assert.Equal(GoBinaryAnalyzer.StdlibVersion(goVersion), packages.Single(p => p.Name == "stdlib").Version);
        Assert.All(packages, p => Assert.Equal(goVersion, p.Metadata["goVersion"]));
    }

    [Fact]
    public async Task Without_section_headers_the_data_segment_is_searched()
    {
        var bytes = File.ReadAllBytes(go.Builds["amd64"]);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(60), 0); // e_shnum = 0: as if the section table were stripped
        var (_, deps, main) = await GoToolchain.VersionMAsync(go.Builds["amd64"]);

        Assert.Equal(Sorted(deps), Deps(Analyze("app", bytes), main));
    }

    [Fact]
    public async Task Binaries_in_a_layer_are_found_through_the_runner()
    {
        var tar = new TarBuilder()
            .File("usr/local/bin/app", File.ReadAllBytes(go.Builds["amd64"]), mode: 0x1ed)
            .File("usr/local/bin/not-executable", File.ReadAllBytes(go.Builds["amd64"]), mode: 0x1a4)
            .File("usr/local/bin/script", "#!/bin/sh\necho hi\n", mode: 0x1ed)
            .Build();
        var result = await Analyse.TarAsync(tar, new AnalyzerCatalog([new GoBinaryAnalyzer()]));

        Assert.All(result.Packages, p => Assert.Equal("usr/local/bin/app", p.SourcePath));
        Assert.Equal(["example.com/app", "example.com/dep", "example.com/other", "stdlib"], result.Packages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Required_asks_only_for_executable_regular_files_and_the_filter_only_for_elf()
    {
        var analyzer = new GoBinaryAnalyzer();
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(Entry("usr/bin/x", 0x1ed)));
        Assert.Equal(AnalyzerNeed.Content, analyzer.Required(Entry("usr/bin/x", 0x1c0)));
        Assert.Equal(AnalyzerNeed.None, analyzer.Required(Entry("usr/lib/x.so", 0x1a4)));
        Assert.Equal(AnalyzerNeed.None, analyzer.Required(Entry("usr/bin", 0x1ed) with { Kind = EntryKind.Directory }));
        Assert.True(analyzer.WantsContent(Entry("x", 0x1ed), File.ReadAllBytes(go.Builds["386"]).AsSpan(0, 512)));
        Assert.False(analyzer.WantsContent(Entry("x", 0x1ed), "#!/bin/sh\n"u8));
    }

    [Fact]
    public void Elf_without_go_build_info_yields_nothing()
    {
        // A real C program from this machine.
        var packages = Analyze("bin/true", File.ReadAllBytes("/usr/bin/true"));

        Assert.Empty(packages);
    }

    [Fact]
    public void Every_truncation_and_corruption_of_a_real_binary_is_a_warning_or_nothing()
    {
        var original = File.ReadAllBytes(go.Builds["386"]);
        var analyzer = new GoBinaryAnalyzer();
        var info = Entry("app", 0x1ed);
        var blob = original.AsSpan().IndexOf(new byte[] { 0xff, (byte)' ', (byte)'G', (byte)'o', (byte)' ', (byte)'b' });
        Assert.True(blob > 0);

        // Cut the file at the header, inside the section table, just after the blob's header and in its strings.
        foreach (var length in new[] { 16, 60, 200, blob + 20, blob + 33, blob + 40, blob + 100, original.Length - 10 })
        {
            var builder = new LayerResultBuilder();
            analyzer.Analyze(new AnalyzerInput(info with { Size = length }, original.AsSpan(0, Math.Min(512, length)), original.AsSpan(0, length)), builder);
            var result = builder.Build("sha256:x", "none", 0, 1);
            Assert.True(result.Packages.Count == 0 || result.Packages.Count == 4, $"cut at {length}");
        }

        // Overwrite each header byte of the blob (pointer size, flags, the varint lengths) with hostile values.
        for (var i = 14; i < 40; i++)
        {
            foreach (var value in new byte[] { 0x00, 0x7f, 0xff })
            {
                var bytes = (byte[])original.Clone();
                bytes[blob + i] = value;
                var builder = new LayerResultBuilder();
                analyzer.Analyze(new AnalyzerInput(info, bytes.AsSpan(0, 512), bytes), builder);
                var result = builder.Build("sha256:x", "none", 0, 1);
                Assert.All(result.Warnings, w => Assert.Equal("go-buildinfo-malformed", w.Code));
            }
        }
    }

    // Packages come out sorted; go version -m lists dependencies in go.mod order, so both sides are compared sorted.
    private static List<(string, string)> Deps(List<PackageRecord> packages, string? main)
        => [.. packages.Where(p => p.Name != GoBinaryAnalyzer.StdlibName && p.Name != main).Select(p => (p.Name, p.Version)).Order()];

    private static List<(string Path, string Version)> Sorted(List<(string Path, string Version)> deps) => [.. deps.Order()];

    private static List<PackageRecord> Analyze(string path, byte[] bytes)
    {
        var builder = new LayerResultBuilder();
        var info = Entry(path.TrimStart('/'), 0x1ed) with { Size = bytes.Length };
        new GoBinaryAnalyzer().Analyze(new AnalyzerInput(info, bytes.AsSpan(0, 512), bytes), builder);
        var result = builder.Build("sha256:x", "none", 0, 1);
        Assert.Empty(result.Warnings);

        return result.Packages;
    }

    private static EntryInfo Entry(string path, int mode) => new(path, EntryKind.File, 1000, mode, 0, 0, null, 0);
}
