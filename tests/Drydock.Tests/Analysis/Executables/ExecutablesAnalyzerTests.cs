using Drydock.Analysis;
using Drydock.Analysis.Executables;
using Drydock.Detection.Malware;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Executables;

/// <summary>The executables analyzer on real files: PE files built by mingw-w64 and dotnet, UPX-packed copies, ClamAV's
/// packed test files from Debian (all from the executables test image's root filesystem) and this machine's ELF files.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class ExecutablesAnalyzerTests(TestImages images)
{
    private async Task<string> SampleAsync(string relative)
    {
        await images.EnsureAsync("executables");
        return Path.Combine(images.RootFs("executables"), relative);
    }

    [Theory]
    [InlineData("opt/samples/inject.exe", "exe", "CreateRemoteThread,OpenProcess,VirtualAllocEx,WriteProcessMemory")]
    [InlineData("opt/samples/miner.exe", "exe", "")]
    [InlineData("opt/samples/plain.dll", "dll", "")]
    [InlineData("opt/samples/driver.sys", "driver", "")]
    public async Task Mingw_PE_files_are_classified_with_their_watched_imports(string sample, string kind, string imports)
    {
        var e = ExecutableSamples.Record(await SampleAsync(sample), sample);

        Assert.Equal((ExecutableFormat.PE, kind, "x86-64", false, (string?)null), (e.Format, e.Kind, e.Architecture, e.DotNet, e.Packer));
        Assert.Equal(imports, string.Join(',', e.SuspiciousImports ?? []));
        Assert.InRange(e.CodeEntropy!.Value, 0.1, 7.0); // the driver's code is one return statement and padding
    }

    [Fact]
    public async Task The_driver_is_a_driver_by_its_native_subsystem_whatever_its_name()
    {
        var e = ExecutableSamples.Record(await SampleAsync("opt/samples/driver.sys"), "opt/samples/driver.bin");
        Assert.Equal("driver", e.Kind);
    }

    [Fact]
    public async Task A_dotnet_dll_is_dotnet_and_its_PInvoke_targets_are_its_imports()
    {
        var e = ExecutableSamples.Record(await SampleAsync("opt/samples/dotnet/Injector.dll"));

        Assert.True(e.DotNet);
        Assert.Equal("dll", e.Kind);
        Assert.Equal(["CreateRemoteThread", "OpenProcess", "VirtualAllocEx", "WriteProcessMemory"], e.SuspiciousImports);
    }

    [Fact]
    public async Task UPX_packed_ELF_and_PE_files_name_their_packer_and_the_originals_do_not()
    {
        var elf = ExecutableSamples.Record(await SampleAsync("opt/samples/busybox-upx"));
        var pe = ExecutableSamples.Record(await SampleAsync("opt/samples/miner-upx.exe"));
        var original = ExecutableSamples.Record("/bin/busybox");

        Assert.Equal((ExecutableFormat.Elf, "executable", "upx"), (elf.Format, elf.Kind, elf.Packer));
        Assert.Contains(elf.PackerEvidence!, x => x.Value == "UPX!" && x.Offset < PackerSignatures.MarkerWindow);
        Assert.Equal((ExecutableFormat.PE, "exe", "upx"), (pe.Format, pe.Kind, pe.Packer));
        Assert.Equal(["section UPX0", "section UPX1", "section UPX2"], pe.PackerEvidence!.Where(x => x.Kind == "structure").Select(x => x.Value));
        Assert.Null(original.Packer);
        Assert.True(elf.CodeEntropy > PackedBinaryDetector.HighEntropy, $"packed code entropy {elf.CodeEntropy}");
        Assert.True(original.CodeEntropy < 7.0, $"busybox code entropy {original.CodeEntropy}");
    }

    [Theory]
    [InlineData("clam-upx.exe", "upx")]
    [InlineData("clam-aspack.exe", "aspack")]
    [InlineData("clam-petite.exe", "petite")]
    [InlineData("clam-mew.exe", "mew")]
    [InlineData("clam-wwpack.exe", "wwpack32")]
    [InlineData("clam-yc.exe", "yoda-crypter")] // yC over UPX: the outer layer is named
    [InlineData("clam.ea06.exe", "upx")]
    [InlineData("clam.exe", null)]
    [InlineData("clam-nsis.exe", null)] // an installer, not a packer
    [InlineData("clam_ISmsi_ext.exe", null)]
    public async Task ClamAV_test_files_show_their_packers(string file, string? packer)
    {
        var e = ExecutableSamples.Record(await SampleAsync("usr/share/clamav-testfiles/" + file));
        Assert.Equal((ExecutableFormat.PE, "i386", packer), (e.Format, e.Architecture, e.Packer));
    }

    [Fact]
    public async Task Hashes_agree_with_sha256sum_and_the_built_in_ClamAV_hashes_are_those_of_Debians_files()
    {
        var folder = await SampleAsync("usr/share/clamav-testfiles");
        var run = await ProcessRunner.RunAsync("sha256sum", [.. Directory.GetFiles(folder, "*.exe").Order(StringComparer.Ordinal)]);
        Assert.Equal(0, run.ExitCode);
        var expected = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ", 2)).ToDictionary(p => Path.GetFileName(p[1]), p => p[0]);
        Assert.True(expected.Count >= 17, $"only {expected.Count} ClamAV test files");

        foreach (var (name, sha) in expected)
        {
            Assert.Equal(sha, ExecutableSamples.Record(Path.Combine(folder, name)).Sha256);
        }

        var listed = KnownBadHashes.All.Where(h => h.Name == "clamav-test-file").ToList();
        Assert.Equal(expected.Count, listed.Count);
        Assert.All(listed, h => Assert.Equal(h.Sha256, expected[h.Description[(h.Description.LastIndexOf(' ') + 1)..]]));
    }

    [Theory]
    [InlineData("/bin/busybox", "executable")]
    [InlineData("/usr/bin/dpkg", "executable")]
    [InlineData("/usr/lib/x86_64-linux-gnu/libz.so.1", "shared-object")]
    public void Debian_ELF_files_are_classified(string file, string kind)
    {
        var e = ExecutableSamples.Record(file);
        Assert.Equal((ExecutableFormat.Elf, kind, "x86-64", (string?)null), (e.Format, e.Kind, e.Architecture, e.Packer));
        Assert.Null(e.SuspiciousImports);
        Assert.Empty(ExecutableSamples.Analyse(file, File.ReadAllBytes(file)).Warnings);
    }

    [Theory]
    [InlineData(1, "relocatable")]
    [InlineData(4, "core")]
    public void The_ELF_type_decides_the_kind(ushort type, string kind)
    {
        var bytes = File.ReadAllBytes("/bin/busybox");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(16), type);
        Assert.Equal(kind, Assert.Single(ExecutableSamples.Analyse("x", bytes).Executables).Kind);
    }

    [Fact]
    public void Files_that_are_not_executables_are_not_read_past_their_head()
    {
        var analyzer = new ExecutablesAnalyzer();
        var text = "#!/bin/sh\necho hello, this is a script and not a binary\n"u8.ToArray();
        var entry = new Drydock.Layers.EntryInfo("usr/bin/hello", Drydock.Layers.EntryKind.File, text.Length, 0x1ed, 0, 0, null, 0);

        Assert.False(analyzer.WantsContent(entry, text));
        Assert.Empty(ExecutableSamples.Analyse("usr/bin/hello", text).Executables);
        Assert.Equal(AnalyzerNeed.None, analyzer.Required(entry with { Size = ExecutablesAnalyzer.MinSize - 1 }));
        Assert.Equal(AnalyzerNeed.None, analyzer.Required(entry with { Kind = Drydock.Layers.EntryKind.Symlink }));
    }

    [Theory]
    [InlineData(0xfeedfacf, 0x0100000c, 2, "executable", "arm64")] // 64-bit, little-endian
    [InlineData(0xcefaedfe, 7, 6, "shared-object", "i386")]       // 32-bit, big-endian magic bytes as a big-endian file writes them
    public void Mach_O_headers_are_classified(uint magic, uint cpu, uint fileType, string kind, string arch)
    {
        var file = new byte[4096];
        var bigEndian = magic == 0xcefaedfe;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file, magic);
        void Put(int at, uint v)
        {
            if (bigEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), v);
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), v);
            }
        }

        Put(4, cpu);
        Put(12, fileType);
        var e = Assert.Single(ExecutableSamples.Analyse("x", file).Executables);
        Assert.Equal((ExecutableFormat.MachO, kind, arch), (e.Format, e.Kind, e.Architecture));
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 }, 0.0)]
    [InlineData(new byte[] { 1, 2, 1, 2, 1, 2, 1, 2 }, 1.0)]
    public void Entropy_is_measured_in_bits_per_byte(byte[] data, double expected)
        => Assert.Equal(expected, ShannonEntropy.Of(data), 6);

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/usr/bin/perl")]
    public void Sampled_entropy_of_a_large_binary_stays_within_a_twentieth_of_a_bit_of_the_full_count(string path)
    {
        var data = File.ReadAllBytes(path);
        Assert.True(data.Length > ShannonEntropy.SampleThreshold, $"{path} is too small to be sampled");
        var sampled = new ShannonEntropy(new int[ShannonEntropy.StorageLength]);
        sampled.AddSampled(data);
        Assert.InRange(sampled.Total, data.Length / 5, data.Length / 3);
        Assert.Equal(ShannonEntropy.Of(data), sampled.Value, 0.05);
    }

    [Fact]
    public void Entropy_agrees_with_a_plain_count_on_random_data_of_every_tail_length()
    {
        var random = new Random(7);
        for (var length = 1; length < 300; length += 13)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var counts = data.GroupBy(b => b).Select(g => (double)g.Count() / length);
            Assert.Equal(-counts.Sum(p => p * Math.Log2(p)), ShannonEntropy.Of(data), 9);
        }
    }

    [Theory]
    [InlineData("opt/samples/inject.exe")]
    [InlineData("opt/samples/dotnet/Injector.dll")]
    [InlineData("usr/share/clamav-testfiles/clam-yc.exe")]
    public async Task The_whole_file_entropy_of_a_PE_joins_code_and_other_bytes_counted_apart(string sample)
    {
        var file = await SampleAsync(sample);
        var e = ExecutableSamples.Record(file);
        Assert.Equal(Math.Round(ShannonEntropy.Of(File.ReadAllBytes(file)), 2), e.Entropy);
        Assert.NotEqual(e.Entropy, e.CodeEntropy);
    }

    [Fact]
    public void ELF_files_measure_their_code_alone()
    {
        var e = ExecutableSamples.Record("/bin/busybox");
        Assert.Null(e.Entropy);
        Assert.InRange(e.CodeEntropy!.Value, 5.0, 7.0);
    }

    [Fact]
    public void Every_byte_value_once_is_eight_bits()
    {
        var all = Enumerable.Range(0, 256 * 3 + 1).Select(i => (byte)i).ToArray(); // an odd length exercises the tail loop
        Assert.InRange(ShannonEntropy.Of(all), 7.99, 8.0);
    }
}
