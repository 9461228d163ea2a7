using Drydock.Layers;

namespace Drydock.Analysis.Census;

/// <summary>Records every entry of a layer with its metadata and executable format (by magic bytes):
/// the per-layer file census that the merged view, setuid/setgid and world-writable reports come from.</summary>
public sealed class FileCensusAnalyzer : IAnalyzer
{
    public string Id => "file-census";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry) => entry.Kind == EntryKind.File && entry.Size > 0 ? AnalyzerNeed.Head : AnalyzerNeed.Metadata;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var e = input.Entry;
        var format = e.Kind == EntryKind.File ? ExecutableMagic.Classify(input.Head) : ExecutableFormat.None;
        result.AddFile(new FileRecord(e.Path, e.Kind, e.Size, e.Mode, e.Uid, e.Gid, e.LinkTarget, format));
    }
}
