using BenchmarkDotNet.Attributes;
using Drydock.Layers;

namespace Drydock.Bench;

/// <summary><see cref="EntryPath.Normalise"/> on the shapes tar names take: clean (the fast path),
/// with a leading <c>./</c> or <c>/</c>, and with <c>..</c> to fold.</summary>
[MemoryDiagnoser]
public class EntryPathBenchmarks
{
    /// <summary>The tar entry name.</summary>
    [Params("usr/lib/x86_64-linux-gnu/libc.so.6", "./usr/share/doc/dpkg/copyright", "/etc/ssl/certs/", "usr/lib/../share/./zoneinfo/UTC")]
    public string Name { get; set; } = "";

    /// <summary>Normalises <see cref="Name"/>.</summary>
    [Benchmark]
    public string? Normalise() => EntryPath.Normalise(Name);
}
