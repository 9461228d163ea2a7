namespace Drydock.Promotion;

/// <summary>How a promotion runs.</summary>
public sealed record PromotionOptions
{
    /// <summary>Blobs of one manifest transferred at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Deepest nesting of indexes followed (an index of indexes is legal but rare).</summary>
    public int MaxIndexDepth { get; init; } = 4;

    /// <summary>Try a cross-repository mount before uploading when source and destination are the same registry.</summary>
    public bool Mount { get; init; } = true;
}
