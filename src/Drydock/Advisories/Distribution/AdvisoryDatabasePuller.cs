using System.Security.Cryptography;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;
using ZstdSharp;

namespace Drydock.Advisories.Distribution;

/// <summary>Pulls an advisory database pushed by <see cref="AdvisoryDatabasePusher"/>. Each chunk blob is digest-verified as it
/// streams into a download cache and kept there, so an interrupted pull resumes with the chunks it already has and a later pull
/// fetches only changed chunks. The file is reassembled beside the target, checked against the manifest's whole-file digest,
/// opened as an <see cref="AdvisoryStore"/> and only then renamed over the old database.</summary>
public sealed class AdvisoryDatabasePuller(AdvisoryDistributionOptions? options = null)
{
    private readonly AdvisoryDistributionOptions _options = options ?? new AdvisoryDistributionOptions();

    /// <summary>Pulls <paramref name="source"/> into <paramref name="databasePath"/>, keeping chunks in <paramref name="cacheDirectory"/>
    /// (chunks the new manifest does not list are removed from it afterwards).</summary>
    public async Task<AdvisoryPullReport> PullAsync(RegistryReference source, RegistryClient client, string databasePath, string cacheDirectory,
        CancellationToken cancellationToken)
    {
        var what = source.ToString();
        var fetched = await client.FetchManifestAsync(source.Repository, source.ManifestReference, cancellationToken).ConfigureAwait(false);
        var artifact = AdvisoryArtifactManifest.From(fetched.Parse(what), what, _options);

        var blobs = Path.Combine(Path.GetFullPath(cacheDirectory), "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        var downloaded = 0;
        var reused = 0;
        long bytes = 0;
        foreach (var chunk in artifact.Chunks)
        {
            var path = Path.Combine(blobs, chunk.Blob.Hex);
            if (await IsCachedAsync(path, chunk, cancellationToken).ConfigureAwait(false))
            {
                reused++;
                continue;
            }

            await DownloadAsync(client, source.Repository, chunk, path, cancellationToken).ConfigureAwait(false);
            downloaded++;
            bytes += chunk.BlobSize;
        }

        var target = Path.GetFullPath(databasePath);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.pull-{Guid.NewGuid():N}");
        try
        {
            await AssembleAsync(artifact, blobs, temp, what, cancellationToken).ConfigureAwait(false);
            using (AdvisoryStore.Open(temp))
            {
                // Opening reads the schema version and counts: the file is a database this build can use.
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        Prune(blobs, artifact.Chunks);
        return new AdvisoryPullReport(target, fetched.Digest.ToString(), artifact.DatabaseDigest.ToString(), artifact.DatabaseSize,
            artifact.Chunks.Count, downloaded, bytes, reused);
    }

    private static async Task<bool> IsCachedAsync(string path, ArtifactChunk chunk, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return false;
        }

        if (file.Length == chunk.BlobSize)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            if (Digest.FromSha256Hash(hash) == chunk.Blob)
            {
                return true;
            }
        }

        // A damaged cache entry is fetched again.
        File.Delete(path);
        return false;
    }

    private static async Task DownloadAsync(RegistryClient client, string repository, ArtifactChunk chunk, string path, CancellationToken cancellationToken)
    {
        var partial = $"{path}.partial-{Guid.NewGuid():N}";
        try
        {
            var descriptor = new Descriptor { MediaType = AdvisoryArtifact.ChunkMediaType, Digest = chunk.Blob.ToString(), Size = chunk.BlobSize };
            await using (var blob = await client.OpenBlobAsync(repository, descriptor, cancellationToken).ConfigureAwait(false))
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                // The verifying stream throws at its end when size or digest differ, before the chunk is kept.
                await blob.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task AssembleAsync(AdvisoryArtifactManifest artifact, string blobs, string temp, string what, CancellationToken cancellationToken)
    {
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            foreach (var chunk in artifact.Chunks)
            {
                using var part = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long written = 0;
                await using var compressed = new FileStream(Path.Combine(blobs, chunk.Blob.Hex), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
                await using var raw = new DecompressionStream(compressed, leaveOpen: false);
                while (true)
                {
                    int n;
                    try
                    {
                        n = await raw.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ZstdException e)
                    {
                        throw new HostileInputException($"{what}: chunk {chunk.Blob} is not valid zstd ({e.Message})", e);
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    written += n;
                    if (written > chunk.Size)
                    {
                        throw new HostileInputException($"{what}: chunk {chunk.Blob} expands past its declared {chunk.Size} bytes");
                    }

                    part.AppendData(buffer, 0, n);
                    whole.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                }

                if (written != chunk.Size)
                {
                    throw new HostileInputException($"{what}: chunk {chunk.Blob} expands to {written} bytes, not the declared {chunk.Size}");
                }

                var actual = Digest.FromSha256Hash(part.GetHashAndReset());
                if (actual != chunk.RawDigest)
                {
                    throw new DigestMismatchException($"{what}: chunk at offset {chunk.Offset}", chunk.RawDigest, actual.ToString());
                }
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
        }

        var database = Digest.FromSha256Hash(whole.GetHashAndReset());
        if (database != artifact.DatabaseDigest)
        {
            throw new DigestMismatchException($"{what}: reassembled database", artifact.DatabaseDigest, database.ToString());
        }
    }

    private static void Prune(string blobs, IReadOnlyList<ArtifactChunk> keep)
    {
        var wanted = keep.Select(c => c.Blob.Hex).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(blobs))
        {
            if (!wanted.Contains(Path.GetFileName(file)))
            {
                File.Delete(file);
            }
        }
    }
}
