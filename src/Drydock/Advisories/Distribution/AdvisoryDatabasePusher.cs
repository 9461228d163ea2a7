using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;
using ZstdSharp;

namespace Drydock.Advisories.Distribution;

/// <summary>Pushes an advisory database as an OCI artifact (<see cref="AdvisoryArtifact"/>). The file is read once: each chunk is
/// hashed, compressed and uploaded unless the registry already holds that blob (HEAD), so pushing an unchanged database uploads
/// nothing and a changed one only the chunks that differ.</summary>
public sealed class AdvisoryDatabasePusher(AdvisoryDistributionOptions? options = null)
{
    private readonly AdvisoryDistributionOptions _options = options ?? new AdvisoryDistributionOptions();

    /// <summary>Validates <paramref name="databasePath"/> as a database this build reads, then pushes it to <paramref name="target"/>
    /// (which must name a tag, or none for <c>latest</c>) through <paramref name="client"/>.</summary>
    public async Task<AdvisoryPushReport> PushAsync(string databasePath, RegistryReference target, RegistryClient client, CancellationToken cancellationToken)
    {
        if (target.Digest is not null)
        {
            throw new DrydockInputException($"cannot push to {target}: name a tag (REGISTRY/REPOSITORY:TAG), not a digest");
        }

        StoreInfo info;
        using (var store = AdvisoryStore.Open(databasePath))
        {
            info = store.Info;
        }

        var repository = target.Repository;
        var layers = new List<Descriptor>();
        var uploaded = 0;
        var skipped = 0;
        long bytesUploaded = 0;
        long size = 0;
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var compressor = new Compressor(_options.CompressionLevel);
        var buffer = new byte[_options.ChunkBytes];
        await using (var file = new FileStream(databasePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            while (true)
            {
                var length = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (length == 0)
                {
                    break;
                }

                var raw = buffer.AsMemory(0, length);
                whole.AppendData(raw.Span);
                var compressed = compressor.Wrap(raw.Span).ToArray();
                var digest = Digest.Sha256Of(compressed);
                if (await client.BlobExistsAsync(repository, digest, compressed.Length, cancellationToken).ConfigureAwait(false))
                {
                    skipped++;
                }
                else
                {
                    await client.UploadBlobAsync(repository, digest, compressed, cancellationToken).ConfigureAwait(false);
                    uploaded++;
                    bytesUploaded += compressed.Length;
                }

                layers.Add(new Descriptor
                {
                    MediaType = AdvisoryArtifact.ChunkMediaType,
                    Digest = digest.ToString(),
                    Size = compressed.Length,
                    Annotations = new Dictionary<string, string>
                    {
                        [AdvisoryArtifact.ChunkOffsetAnnotation] = size.ToString(CultureInfo.InvariantCulture),
                        [AdvisoryArtifact.ChunkSizeAnnotation] = length.ToString(CultureInfo.InvariantCulture),
                        [AdvisoryArtifact.ChunkDigestAnnotation] = Digest.Sha256Of(raw.Span).ToString(),
                    },
                });
                size += length;
                if (length < buffer.Length)
                {
                    break;
                }
            }
        }

        var databaseDigest = Digest.FromSha256Hash(whole.GetHashAndReset()).ToString();
        var config = JsonSerializer.SerializeToUtf8Bytes(new AdvisoryArtifactConfig
        {
            SchemaVersion = info.SchemaVersion,
            BuiltAt = info.BuiltAt,
            DatabaseDigest = databaseDigest,
            DatabaseSize = size,
            ChunkSize = _options.ChunkBytes,
            Advisories = new SortedDictionary<string, long>(info.AdvisoriesBySource.ToDictionary(), StringComparer.Ordinal),
            Kev = info.KevEntries,
            Epss = info.EpssScores,
        }, DistributionJsonContext.Default.AdvisoryArtifactConfig);
        var configDigest = Digest.Sha256Of(config);
        if (await client.BlobExistsAsync(repository, configDigest, config.Length, cancellationToken).ConfigureAwait(false))
        {
            skipped++;
        }
        else
        {
            await client.UploadBlobAsync(repository, configDigest, config, cancellationToken).ConfigureAwait(false);
            uploaded++;
            bytesUploaded += config.Length;
        }

        var manifest = JsonSerializer.SerializeToUtf8Bytes(new ImageManifest
        {
            SchemaVersion = 2,
            MediaType = MediaTypes.OciManifest,
            ArtifactType = AdvisoryArtifact.ArtifactType,
            Config = new Descriptor { MediaType = AdvisoryArtifact.ConfigMediaType, Digest = configDigest.ToString(), Size = config.Length },
            Layers = layers,
            Annotations = new Dictionary<string, string>
            {
                [AdvisoryArtifact.SchemaVersionAnnotation] = info.SchemaVersion.ToString(CultureInfo.InvariantCulture),
                [AdvisoryArtifact.DatabaseDigestAnnotation] = databaseDigest,
                [AdvisoryArtifact.DatabaseSizeAnnotation] = size.ToString(CultureInfo.InvariantCulture),
                [AdvisoryArtifact.CreatedAnnotation] = info.BuiltAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        }, DistributionJsonContext.Default.ImageManifest);
        var manifestDigest = await client.PutManifestAsync(repository, target.Tag ?? AdvisoryArtifact.DefaultTag, manifest, MediaTypes.OciManifest, cancellationToken)
            .ConfigureAwait(false);
        return new AdvisoryPushReport(manifestDigest.ToString(), databaseDigest, size, layers.Count, uploaded, bytesUploaded, skipped);
    }
}
