namespace Drydock.Catalog;

/// <summary>The base an image is built on: the catalog base its layers match, and what its annotations claim.</summary>
public sealed record BaseDetection
{
    /// <summary>The longest catalog base whose diff-ID chain is a prefix of the image's; null when none is.</summary>
    public BaseImage? Image { get; init; }

    /// <summary>The image's base annotations, when it has them.</summary>
    public BaseAnnotation? Annotation { get; init; }

    /// <summary>True when the annotated base is a catalog image whose layers are the image's lowest layers.</summary>
    public bool AnnotationTrusted { get; init; }

    /// <summary>Why the annotation is not trusted, when it is not.</summary>
    public string? AnnotationNote { get; init; }

    /// <summary>How many of the image's lowest layers the base contributes (0 without a catalog match).</summary>
    public int BaseLayers => Image?.DiffIds.Count ?? 0;
}
