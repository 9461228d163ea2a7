namespace Drydock.Catalog;

/// <summary>What the image says its base is: the OCI annotations <c>org.opencontainers.image.base.name</c> and <c>.base.digest</c>.</summary>
/// <param name="Name">The base's reference, as annotated.</param>
/// <param name="Digest">The base's manifest or index digest, as annotated.</param>
/// <param name="Source"><c>manifest</c> (manifest annotations) or <c>config</c> (config labels).</param>
public sealed record BaseAnnotation(string? Name, string? Digest, string Source)
{
    /// <summary>The annotation key of the base's reference.</summary>
    public const string NameKey = "org.opencontainers.image.base.name";

    /// <summary>The annotation key of the base's digest.</summary>
    public const string DigestKey = "org.opencontainers.image.base.digest";

    /// <summary>Reads the annotations from the manifest, else from the config labels; null when neither has them.</summary>
    public static BaseAnnotation? From(IReadOnlyDictionary<string, string>? manifestAnnotations, IReadOnlyDictionary<string, string>? configLabels)
        => Read(manifestAnnotations, "manifest") ?? Read(configLabels, "config");

    private static BaseAnnotation? Read(IReadOnlyDictionary<string, string>? values, string source)
    {
        if (values is null)
        {
            return null;
        }

        var name = values.TryGetValue(NameKey, out var n) && !string.IsNullOrWhiteSpace(n) ? n.Trim() : null;
        var digest = values.TryGetValue(DigestKey, out var d) && !string.IsNullOrWhiteSpace(d) ? d.Trim() : null;
        return name is null && digest is null ? null : new BaseAnnotation(name, digest, source);
    }
}
