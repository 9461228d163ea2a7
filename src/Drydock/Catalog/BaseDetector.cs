using Drydock.References;

namespace Drydock.Catalog;

/// <summary>Finds an image's hardened base: one indexed catalog query for the longest matching diff-ID chain, plus a check of
/// the image's base annotations against the layers (an annotation alone proves nothing: anyone can write one).</summary>
public sealed class BaseDetector(IBaseCatalogStore catalog)
{
    /// <summary>Detects the base of an image with <paramref name="diffIds"/> (lowest first) and the given annotations.</summary>
    public async Task<BaseDetection> DetectAsync(IReadOnlyList<string> diffIds, BaseAnnotation? annotation, CancellationToken cancellationToken)
    {
        var image = await catalog.FindLongestPrefixAsync(diffIds, cancellationToken).ConfigureAwait(false);
        var detection = new BaseDetection { Image = image, Annotation = annotation };
        if (annotation is null)
        {
            return detection;
        }

        var (trusted, note) = await CheckAnnotationAsync(annotation, image, diffIds, cancellationToken).ConfigureAwait(false);
        return detection with { AnnotationTrusted = trusted, AnnotationNote = note };
    }

    private async Task<(bool Trusted, string? Note)> CheckAnnotationAsync(BaseAnnotation annotation, BaseImage? matched, IReadOnlyList<string> diffIds,
        CancellationToken cancellationToken)
    {
        string? digest = annotation.Digest;
        if (digest is not null && !Digest.TryParse(digest, out _))
        {
            return (false, $"the annotated base digest '{digest}' is not a valid digest");
        }

        RegistryReference? name = null;
        if (annotation.Name is not null)
        {
            try
            {
                name = RegistryReference.Parse(annotation.Name);
            }
            catch (ReferenceParseException)
            {
                return (false, $"the annotated base name '{annotation.Name}' is not a valid image reference");
            }
        }

        if (digest is null && name is not null)
        {
            digest = name.Digest?.ToString() ?? await catalog.ResolveTagAsync($"{name.Registry}/{name.Repository}", name.Tag!, cancellationToken).ConfigureAwait(false);
            if (digest is null)
            {
                return (false, $"the annotated base {annotation.Name} is not in the catalog, so its layers cannot be checked");
            }
        }

        if (matched is not null && (matched.ManifestDigest == digest || matched.IndexDigest == digest) && SameRepository(matched, name))
        {
            return (true, null);
        }

        var candidates = (await catalog.FindByDigestAsync(digest!, cancellationToken).ConfigureAwait(false)).Where(c => SameRepository(c, name)).ToList();
        if (candidates.Count == 0)
        {
            return (false, $"the annotated base {annotation.Name ?? digest} is not in the catalog, so its layers cannot be checked");
        }

        return candidates.Any(c => c.DiffIds.Count <= diffIds.Count && c.DiffIds.SequenceEqual(diffIds.Take(c.DiffIds.Count), StringComparer.Ordinal))
            ? (true, null)
            : (false, $"the layers of the annotated base {annotation.Name ?? digest} are not the image's lowest layers");
    }

    private static bool SameRepository(BaseImage image, RegistryReference? name)
        => name is null || image.Repository == $"{name.Registry}/{name.Repository}";
}
