using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;

namespace Drydock.Promotion;

/// <summary>Moves one blob into the destination repository the cheapest way that works: nothing when a HEAD finds it, a
/// cross-repository mount when source and destination share a registry, else a streamed upload verified against its digest.</summary>
/// <param name="destination">The destination registry.</param>
/// <param name="repository">The destination repository.</param>
/// <param name="source">Where the bytes come from.</param>
/// <param name="mountFrom">The source repository on the destination's registry, or null when a mount cannot work.</param>
internal sealed class BlobCopier(RegistryClient destination, string repository, IBlobStore source, string? mountFrom)
{
    public async Task<BlobOutcome> CopyAsync(Descriptor blob, Digest digest, CancellationToken cancellationToken)
    {
        if (await destination.BlobExistsAsync(repository, digest, blob.Size, cancellationToken).ConfigureAwait(false))
        {
            return BlobOutcome.Skipped;
        }

        Uri? session = null;
        if (mountFrom is not null)
        {
            // A registry that cannot mount (another storage, no pull right on the source) answers 202 with an upload session.
            session = await destination.MountBlobAsync(repository, digest, mountFrom, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                return BlobOutcome.Mounted;
            }
        }

        // The source stream verifies size and digest as it ends, so a corrupt blob fails the PUT before the registry keeps it.
        await destination.UploadBlobAsync(repository, digest, blob.Size, ct => source.OpenBlobAsync(blob, ct), session, cancellationToken).ConfigureAwait(false);
        return BlobOutcome.Copied;
    }
}
