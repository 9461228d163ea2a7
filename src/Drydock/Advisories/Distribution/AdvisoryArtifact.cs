namespace Drydock.Advisories.Distribution;

/// <summary>How the advisory database travels through an OCI registry: an image manifest whose <c>artifactType</c> is
/// <see cref="ArtifactType"/>, a small JSON config (<see cref="ConfigMediaType"/>) and the SQLite file cut into fixed-size
/// chunks, each one zstd-compressed layer (<see cref="ChunkMediaType"/>). SQLite rewrites whole pages in place, so fixed
/// chunks that are a multiple of the page size keep unchanged pages in unchanged blobs: a re-push uploads, and a re-pull
/// downloads, only the chunks that differ.</summary>
public static class AdvisoryArtifact
{
    /// <summary>The manifest's <c>artifactType</c>.</summary>
    public const string ArtifactType = "application/vnd.drydock.advisory-db.v1";

    /// <summary>The config blob's media type: <see cref="AdvisoryArtifactConfig"/> as JSON.</summary>
    public const string ConfigMediaType = "application/vnd.drydock.advisory-db.config.v1+json";

    /// <summary>One chunk of the database file, zstd-compressed.</summary>
    public const string ChunkMediaType = "application/vnd.drydock.advisory-db.layer.v1.sqlite+zstd";

    /// <summary>Manifest annotation: the database schema version (<see cref="AdvisorySchema.Version"/>).</summary>
    public const string SchemaVersionAnnotation = "io.drydock.advisory-db.schema-version";

    /// <summary>Manifest annotation: the digest of the whole, uncompressed database file.</summary>
    public const string DatabaseDigestAnnotation = "io.drydock.advisory-db.digest";

    /// <summary>Manifest annotation: the size of the whole database file in bytes.</summary>
    public const string DatabaseSizeAnnotation = "io.drydock.advisory-db.size";

    /// <summary>Layer annotation: where the chunk starts in the database file.</summary>
    public const string ChunkOffsetAnnotation = "io.drydock.advisory-db.chunk.offset";

    /// <summary>Layer annotation: the chunk's uncompressed size.</summary>
    public const string ChunkSizeAnnotation = "io.drydock.advisory-db.chunk.size";

    /// <summary>Layer annotation: the digest of the chunk's uncompressed bytes.</summary>
    public const string ChunkDigestAnnotation = "io.drydock.advisory-db.chunk.digest";

    /// <summary>The standard creation-time annotation (the database's build time, so an unchanged database gives the same manifest).</summary>
    public const string CreatedAnnotation = "org.opencontainers.image.created";

    /// <summary>The tag used when a reference names none.</summary>
    public const string DefaultTag = "latest";
}
