using Drydock.Layers;
using Drydock.Sources;

namespace Drydock.Scanning;

/// <summary>What one scan does: how images are opened, the input limits and the layer parallelism.</summary>
public sealed record ScanOptions
{
    /// <summary>How the image is opened.</summary>
    public SourceOptions Source { get; init; } = new();

    /// <summary>Safety limits for reading layers.</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>Where analyzers may write scratch files (under the cache directory); null means the system temp folder.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Most layers analysed at once (default: the core count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
