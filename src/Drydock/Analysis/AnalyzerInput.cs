using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>What an analyzer sees of one entry: its metadata, the first bytes and, when it asked, the content.
/// The spans are only valid during the <see cref="IAnalyzer.Analyze"/> call. Files over the analysed-file limit
/// never reach an analyzer that asked for content: the runner counts and reports them instead.</summary>
public readonly ref struct AnalyzerInput
{
    /// <summary>The entry's metadata.</summary>
    public EntryInfo Entry { get; }

    /// <summary>The first bytes of a regular file (empty for other kinds).</summary>
    public ReadOnlySpan<byte> Head { get; }

    /// <summary>The whole content when the analyzer asked for it; else empty.</summary>
    public ReadOnlySpan<byte> Content { get; }

    /// <summary>Creates the input for one entry.</summary>
    public AnalyzerInput(EntryInfo entry, ReadOnlySpan<byte> head, ReadOnlySpan<byte> content)
    {
        Entry = entry;
        Head = head;
        Content = content;
    }
}
