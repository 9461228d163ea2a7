using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Drydock.Analysis;
using Drydock.Analysis.Census;

namespace Drydock.Bench;

/// <summary><see cref="ExecutableMagic.Classify"/> over 512-byte heads of each kind the census meets.</summary>
[MemoryDiagnoser]
public class ExecutableMagicBenchmarks
{
    private readonly byte[] _elf = Head("\u007fELF\u0002\u0001\u0001"u8);
    private readonly byte[] _script = Head("#!/bin/sh\nset -e\n"u8);
    private readonly byte[] _pe = PortableExecutable();
    private readonly byte[] _text = Head("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"u8);

    /// <summary>An ELF header.</summary>
    [Benchmark(Baseline = true)]
    public ExecutableFormat Elf() => ExecutableMagic.Classify(_elf);

    /// <summary>A shell script.</summary>
    [Benchmark]
    public ExecutableFormat Script() => ExecutableMagic.Classify(_script);

    /// <summary>A PE file whose signature lies within the head.</summary>
    [Benchmark]
    public ExecutableFormat PE() => ExecutableMagic.Classify(_pe);

    /// <summary>A text file (the common case: no format).</summary>
    [Benchmark]
    public ExecutableFormat Text() => ExecutableMagic.Classify(_text);

    private static byte[] Head(ReadOnlySpan<byte> start)
    {
        var head = new byte[512];
        start.CopyTo(head);
        return head;
    }

    private static byte[] PortableExecutable()
    {
        var head = Head("MZ"u8);
        BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(0x3c), 0x80);
        "PE\0\0"u8.CopyTo(head.AsSpan(0x80));
        return head;
    }
}
