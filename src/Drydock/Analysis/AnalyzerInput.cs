using System.Security.Cryptography;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>What an analyzer sees of one entry: its metadata, the first bytes and, when it asked, the content.
/// The spans are only valid during the <see cref="IAnalyzer.Analyze"/> call. Files over the analysed-file limit
/// never reach an analyzer that asked for content: the runner counts and reports them instead. The content's SHA-256 is
/// shared: the first analyzer that asks computes it (or waits for the runner's early hash), the others reuse it.</summary>
public readonly ref struct AnalyzerInput
{
    /// <summary>The entry's metadata.</summary>
    public EntryInfo Entry { get; }

    /// <summary>The first bytes of a regular file (empty for other kinds).</summary>
    public ReadOnlySpan<byte> Head { get; }

    /// <summary>The whole content when the analyzer asked for it; else empty.</summary>
    public ReadOnlySpan<byte> Content { get; }

    private readonly ContentDigest? _digest;

    /// <summary>Creates the input for one entry; the SHA-256 is computed from <paramref name="content"/> on demand.</summary>
    public AnalyzerInput(EntryInfo entry, ReadOnlySpan<byte> head, ReadOnlySpan<byte> content)
    {
        Entry = entry;
        Head = head;
        Content = content;
    }

    /// <summary>Creates the input for one entry whose SHA-256 <paramref name="digest"/> holds (or will compute) for all analyzers.</summary>
    public AnalyzerInput(EntryInfo entry, ReadOnlySpan<byte> head, ReadOnlySpan<byte> content, ContentDigest? digest)
        : this(entry, head, content)
    {
        _digest = digest;
    }

    /// <summary>The SHA-256 of <see cref="Content"/> as lower-case hex, computed once per entry for every analyzer.</summary>
    public string Sha256Hex() => _digest?.Sha256Hex ?? Convert.ToHexStringLower(SHA256.HashData(Content));
}
