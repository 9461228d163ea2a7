using System.Buffers.Binary;
using Drydock.Analysis;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Executables;

/// <summary>Damaged executables (real samples cut short, headers pointing outside the file, random bytes over the
/// headers) never throw out of the analyzer: what can be read is recorded and a warning says what could not.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class HostileExecutableTests(TestImages images)
{
    public static TheoryData<string> Samples => new()
    {
        "opt/samples/inject.exe", "opt/samples/dotnet/Injector.dll", "opt/samples/busybox-upx", "opt/samples/miner-upx.exe",
        "usr/share/clamav-testfiles/clam-upack.exe", "usr/share/clamav-testfiles/clam-yc.exe",
    };

    private async Task<byte[]> ReadAsync(string sample)
    {
        await images.EnsureAsync("executables");
        return File.ReadAllBytes(Path.Combine(images.RootFs("executables"), sample));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Every_truncation_of_a_real_sample_is_recorded_without_an_exception(string sample)
    {
        var bytes = await ReadAsync(sample);
        var lengths = Enumerable.Range(0, 64).Select(i => 64 + i * 61).Concat(Enumerable.Range(1, 40).Select(i => bytes.Length * i / 41)).Where(n => n >= Drydock.Analysis.Executables.ExecutablesAnalyzer.MinSize && n < bytes.Length);
        foreach (var length in lengths)
        {
            var result = ExecutableSamples.Analyse(sample, bytes[..length]);
            Assert.True(result.Executables.Count == 1, $"no record for the first {length} bytes");
            var record = result.Executables[0];
            Assert.Equal(length, record.Size);
            Assert.Equal(64, record.Sha256.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Random_bytes_over_the_headers_never_throw(string sample)
    {
        var original = await ReadAsync(sample);
        var random = new Random(20261129); // fixed: a failure is reproducible
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 12); flips > 0; flips--)
            {
                bytes[random.Next(2, Math.Min(bytes.Length, 1024))] = (byte)random.Next(256); // keep the magic, damage the rest
            }

            ExecutableSamples.Analyse(sample, bytes);
        }
    }

    [Fact]
    public async Task A_PE_cut_inside_its_headers_is_recorded_with_a_warning()
    {
        var result = ExecutableSamples.Analyse("opt/samples/truncated.exe", await ReadAsync("opt/samples/truncated.exe"));

        var record = Assert.Single(result.Executables);
        Assert.Equal((ExecutableFormat.PE, (string?)null), (record.Format, record.Kind));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("executable-malformed", "opt/samples/truncated.exe"), (warning.Code, warning.Path));
    }

    [Fact]
    public async Task An_import_table_pointing_past_the_end_keeps_the_headers_facts()
    {
        var bytes = await ReadAsync("opt/samples/inject.exe");
        var pe = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(0x3c));
        var importDirectory = pe + 24 + 112 + 8; // PE32+ optional header: data directories start at 112; the import table is the second
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(importDirectory), 0x7fff_0000);

        var record = Assert.Single(ExecutableSamples.Analyse("x.exe", bytes).Executables);
        Assert.Equal(("exe", "x86-64"), (record.Kind, record.Architecture));
        Assert.Null(record.SuspiciousImports);
    }

    [Fact]
    public void An_ELF_whose_section_table_lies_past_the_end_is_recorded_with_a_warning()
    {
        var bytes = File.ReadAllBytes("/bin/busybox");
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), (ulong)bytes.Length + 4096); // e_shoff

        var result = ExecutableSamples.Analyse("bin/busybox", bytes);
        Assert.Equal("executable", Assert.Single(result.Executables).Kind);
        Assert.Contains(result.Warnings, w => w.Code == "executable-malformed" && w.Message.Contains("truncated", StringComparison.Ordinal));
    }
}
