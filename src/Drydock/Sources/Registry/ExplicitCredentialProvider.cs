namespace Drydock.Sources.Registry;

/// <summary>An explicit credential (from --username/--password-stdin) for exactly one registry; others go to a fallback.</summary>
public sealed class ExplicitCredentialProvider(string registry, RegistryCredential credential, IRegistryCredentialProvider? fallback) : IRegistryCredentialProvider
{
    /// <inheritdoc />
    public ValueTask<RegistryCredential?> GetAsync(string registry1, CancellationToken cancellationToken)
        => string.Equals(registry1, registry, StringComparison.OrdinalIgnoreCase)
            ? ValueTask.FromResult<RegistryCredential?>(credential)
            : fallback?.GetAsync(registry1, cancellationToken) ?? ValueTask.FromResult<RegistryCredential?>(null);
}
