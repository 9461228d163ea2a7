using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>Implemented by content analyzers that always take the SHA-256 of some files they read (the executables
/// analyzer: every ELF, PE and Mach-O file). The runner then starts the hash of a large such file on the thread pool as
/// soon as its bytes are read, while the analyzers run; every analyzer reads the same digest through
/// <see cref="AnalyzerInput.Sha256Hex"/>.</summary>
public interface IDigestConsumer
{
    /// <summary>True when the analyzer will ask for the SHA-256 of this file, judged from its first bytes.</summary>
    bool HashesContent(in EntryInfo entry, ReadOnlySpan<byte> head);
}
