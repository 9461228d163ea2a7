namespace Drydock.Advisories.Builders;

/// <summary>Limits and knobs for <see cref="AdvisoryDatabaseBuilder"/>; the defaults suit the public feeds (an NVD yearly feed
/// or the EPSS CSV fits well inside 512 MiB).</summary>
public sealed record AdvisoryBuildOptions
{
    /// <summary>Largest input file, after gzip decompression, in bytes (default 512 MiB); larger files are reported and skipped.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted (default 64; OSV needs about 8).</summary>
    public int MaxJsonDepth { get; init; } = 64;

    /// <summary>How many problems the report lists with their file names (default 10; all are counted).</summary>
    public int MaxReportedProblems { get; init; } = 10;

    /// <summary>Files parsed at once (default: the processor count).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
