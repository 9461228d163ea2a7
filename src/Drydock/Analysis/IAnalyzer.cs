using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>A per-layer analyzer: declares which entries it needs, then turns each into typed output.
/// Implementations are stateless; all output goes to the layer's <see cref="LayerResultBuilder"/>.</summary>
public interface IAnalyzer
{
    /// <summary>A stable identifier, part of the cache key.</summary>
    string Id { get; }

    /// <summary>Bumped whenever the analyzer's output for the same input changes; part of the cache key.</summary>
    int Version { get; }

    /// <summary>How much of this entry the analyzer needs (called for every entry: keep it cheap).</summary>
    AnalyzerNeed Required(in EntryInfo entry);

    /// <summary>Analyses one entry it asked for.</summary>
    void Analyze(in AnalyzerInput input, LayerResultBuilder result);
}
