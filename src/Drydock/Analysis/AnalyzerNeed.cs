namespace Drydock.Analysis;

/// <summary>How much of an entry an analyzer wants; the walker reads no more than the largest need.</summary>
public enum AnalyzerNeed : byte
{
    /// <summary>Not interested in this entry.</summary>
    None,

    /// <summary>The entry's metadata only.</summary>
    Metadata,

    /// <summary>Metadata and the first <see cref="LayerAnalysisRunner.HeadSize"/> bytes of a regular file.</summary>
    Head,

    /// <summary>Metadata and the whole content of a regular file (up to the analysed-file limit).</summary>
    Content,
}
