using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>Implemented by analyzers that ask for <see cref="AnalyzerNeed.Content"/> on a broad set of paths
/// (every executable, every archive) but can tell from the first bytes whether they really want the file;
/// the runner then reads the rest only when some analyzer still wants it.</summary>
public interface IContentFilter
{
    /// <summary>True when the whole content is wanted after seeing the first <see cref="LayerAnalysisRunner.HeadSize"/> bytes.</summary>
    bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head);
}
