namespace Drydock.Promotion;

/// <summary>What promotion did with one blob.</summary>
public enum BlobOutcome
{
    /// <summary>The destination already had it (HEAD answered 200 with the right size).</summary>
    Skipped,

    /// <summary>The destination registry mounted it from the source repository (same registry, no bytes moved).</summary>
    Mounted,

    /// <summary>Its bytes were streamed from the source, verified, and uploaded.</summary>
    Copied,
}
