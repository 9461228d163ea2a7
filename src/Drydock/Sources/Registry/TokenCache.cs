using System.Collections.Concurrent;

namespace Drydock.Sources.Registry;

/// <summary>Bearer tokens per (realm, service, scope), kept until shortly before they expire.</summary>
internal sealed class TokenCache(TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<(string Realm, string Service, string Scope), (string Token, DateTimeOffset Expires)> _tokens = new();

    public string? Get(string realm, string service, string scope)
        => _tokens.TryGetValue((realm, service, scope), out var entry) && entry.Expires - Margin > time.GetUtcNow() ? entry.Token : null;

    public void Put(string realm, string service, string scope, string token, TimeSpan lifetime)
        => _tokens[(realm, service, scope)] = (token, time.GetUtcNow() + lifetime);

    public void Remove(string realm, string service, string scope) => _tokens.TryRemove((realm, service, scope), out _);
}
