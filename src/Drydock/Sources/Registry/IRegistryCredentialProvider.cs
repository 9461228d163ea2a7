namespace Drydock.Sources.Registry;

/// <summary>Finds the credentials that belong to one registry.</summary>
public interface IRegistryCredentialProvider
{
    /// <summary>The credential for <paramref name="registry"/> (as named in references, e.g. <c>docker.io</c>), or null.</summary>
    ValueTask<RegistryCredential?> GetAsync(string registry, CancellationToken cancellationToken);
}
