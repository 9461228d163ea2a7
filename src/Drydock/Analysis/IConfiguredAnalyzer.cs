namespace Drydock.Analysis;

/// <summary>Implemented by analyzers whose output depends on user input besides the layer (rule files, hash lists, a
/// daemon's signatures): <see cref="ConfigurationKey"/> joins the layer cache key, so a result made with other input
/// is never reused.</summary>
public interface IConfiguredAnalyzer : IAnalyzer
{
    /// <summary>A digest or version that changes whenever the input shaping the output changes; null when none can be
    /// had, and then the scan neither reads layer results from the cache nor writes them.</summary>
    string? ConfigurationKey { get; }
}
