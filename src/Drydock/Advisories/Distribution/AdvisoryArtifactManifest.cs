using System.Globalization;
using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Advisories.Distribution;

/// <summary>A pulled manifest checked to be a Drydock advisory database of the schema this build reads, with contiguous chunks
/// inside the size limits.</summary>
internal sealed record AdvisoryArtifactManifest(Digest DatabaseDigest, long DatabaseSize, IReadOnlyList<ArtifactChunk> Chunks)
{
    /// <summary>Checks <paramref name="document"/>; <paramref name="what"/> names it in messages.</summary>
    public static AdvisoryArtifactManifest From(ManifestDocument document, string what, AdvisoryDistributionOptions options)
    {
        var manifest = document.Manifest
            ?? throw new DrydockInputException($"{what} is an image index, not a Drydock advisory database");
        var type = manifest.ArtifactType ?? manifest.Config?.MediaType;
        if (type is not AdvisoryArtifact.ArtifactType && manifest.Config?.MediaType is not AdvisoryArtifact.ConfigMediaType)
        {
            throw new DrydockInputException($"{what} is not a Drydock advisory database (artifact type '{type ?? "none"}', expected '{AdvisoryArtifact.ArtifactType}')");
        }

        var annotations = manifest.Annotations ?? [];
        if (!annotations.TryGetValue(AdvisoryArtifact.SchemaVersionAnnotation, out var schemaText)
            || !int.TryParse(schemaText, NumberStyles.None, CultureInfo.InvariantCulture, out var schema))
        {
            throw new DrydockInputException($"{what} does not say its advisory database schema version ({AdvisoryArtifact.SchemaVersionAnnotation})");
        }

        if (schema != AdvisorySchema.Version)
        {
            throw new DrydockInputException(
                $"{what} holds advisory database schema version {schema}; this drydock reads version {AdvisorySchema.Version}: pull a database pushed by a matching drydock, or upgrade");
        }

        var databaseDigest = ParseDigest(annotations.GetValueOrDefault(AdvisoryArtifact.DatabaseDigestAnnotation), what, "database digest");
        var databaseSize = ParseSize(annotations.GetValueOrDefault(AdvisoryArtifact.DatabaseSizeAnnotation), options.MaxDatabaseBytes, what, "database size");
        var layers = manifest.Layers ?? [];
        if (layers.Count == 0 || layers.Count > options.MaxChunks)
        {
            throw new HostileInputException($"{what}: {layers.Count} chunks (expected 1 to {options.MaxChunks})");
        }

        var chunks = new List<ArtifactChunk>(layers.Count);
        long offset = 0;
        foreach (var layer in layers)
        {
            if (layer.MediaType is not AdvisoryArtifact.ChunkMediaType)
            {
                throw new DrydockInputException($"{what}: unexpected layer media type '{layer.MediaType}' (expected {AdvisoryArtifact.ChunkMediaType})");
            }

            var blob = ParseDigest(layer.Digest, what, "chunk digest");
            if (layer.Size <= 0 || layer.Size > AdvisoryDistributionOptions.MaxChunkBytes)
            {
                throw new HostileInputException($"{what}: chunk {blob} declares {layer.Size} bytes (limit {AdvisoryDistributionOptions.MaxChunkBytes})");
            }

            var chunkAnnotations = layer.Annotations ?? [];
            var chunkOffset = ParseSize(chunkAnnotations.GetValueOrDefault(AdvisoryArtifact.ChunkOffsetAnnotation), options.MaxDatabaseBytes, what, "chunk offset");
            var size = ParseSize(chunkAnnotations.GetValueOrDefault(AdvisoryArtifact.ChunkSizeAnnotation), AdvisoryDistributionOptions.MaxChunkBytes, what, "chunk size");
            var raw = ParseDigest(chunkAnnotations.GetValueOrDefault(AdvisoryArtifact.ChunkDigestAnnotation), what, "chunk content digest");
            if (chunkOffset != offset || size == 0)
            {
                throw new HostileInputException($"{what}: chunk {blob} starts at {chunkOffset} with {size} bytes; expected a non-empty chunk at {offset}");
            }

            chunks.Add(new ArtifactChunk(blob, layer.Size, chunkOffset, size, raw));
            offset += size;
        }

        if (offset != databaseSize)
        {
            throw new HostileInputException($"{what}: the chunks add up to {offset} bytes but the database is declared as {databaseSize}");
        }

        return new AdvisoryArtifactManifest(databaseDigest, databaseSize, chunks);
    }

    private static Digest ParseDigest(string? text, string what, string name)
        => Digest.TryParse(text, out var digest) && digest.Algorithm == "sha256"
            ? digest
            : throw new DrydockInputException($"{what}: missing or invalid {name} '{text}'");

    private static long ParseSize(string? text, long max, string what, string name)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new HostileInputException($"{what}: missing or invalid {name} '{text}' (limit {max})");
}
