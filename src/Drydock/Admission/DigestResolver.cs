using System.Collections.Concurrent;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Admission;

/// <summary>Resolves tags to manifest digests through each registry, with one long-lived client per registry (its
/// connections and tokens are reused across requests). With a positive <paramref name="ttl"/> a tag's digest is reused
/// for that long (a tag moved meanwhile is judged by its previous digest); zero asks the registry every time.</summary>
public sealed class DigestResolver(RegistryImageSource source, SourceOptions options, TimeSpan ttl, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RegistryClient>> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (RegistryReference Pinned, DateTimeOffset Expires)> _recent = new(StringComparer.Ordinal);

    /// <summary><paramref name="reference"/> pinned to the digest its tag names now (unchanged when it has a digest).</summary>
    public async Task<RegistryReference> PinAsync(RegistryReference reference, CancellationToken cancellationToken)
    {
        if (reference.Digest is not null)
        {
            return reference;
        }

        var key = reference.ToString();
        var now = time.GetUtcNow();
        if (ttl > TimeSpan.Zero && _recent.TryGetValue(key, out var recent) && recent.Expires > now)
        {
            return recent.Pinned;
        }

        var client = _clients.GetOrAdd(reference.Registry, r => new Lazy<RegistryClient>(() => new RegistryClient(r, options, source.CredentialsFor(r, options)))).Value;
        var manifest = await client.FetchManifestAsync(reference.Repository, reference.ManifestReference, cancellationToken).ConfigureAwait(false);
        var pinned = reference.WithReference(reference.Tag, manifest.Digest);
        if (ttl > TimeSpan.Zero)
        {
            _recent[key] = (pinned, now + ttl);
        }

        return pinned;
    }

    /// <summary>Closes every client.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            await client.Value.DisposeAsync().ConfigureAwait(false);
        }

        _clients.Clear();
    }
}
