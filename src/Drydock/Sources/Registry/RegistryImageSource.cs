using Drydock.References;

namespace Drydock.Sources.Registry;

/// <summary>Opens <c>docker://</c> references from a registry speaking the OCI Distribution API v2.</summary>
public sealed class RegistryImageSource : IImageSource
{
    private readonly IReadOnlyList<string>? _helperSearchDirectories;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates the source with credential helpers from $PATH and its own HTTP handler.</summary>
    public RegistryImageSource()
    {
    }

    /// <summary>Creates the source with credential helpers looked up in <paramref name="helperSearchDirectories"/>
    /// and, optionally, a shared HTTP handler (not disposed here; it must not follow redirects).</summary>
    public RegistryImageSource(IReadOnlyList<string>? helperSearchDirectories, HttpMessageHandler? handler = null)
    {
        _helperSearchDirectories = helperSearchDirectories;
        _handler = handler;
    }

    /// <inheritdoc />
    public ImageTransport Transport => ImageTransport.Registry;

    /// <summary>The credentials a scan of <paramref name="registry"/> uses: the explicit one for its registry
    /// (<see cref="SourceOptions.CredentialRegistry"/>, else <paramref name="registry"/>), else Docker's config.</summary>
    public IRegistryCredentialProvider CredentialsFor(string registry, SourceOptions options)
    {
        IRegistryCredentialProvider docker = new DockerCredentialStore(options.DockerConfigDirectory, _helperSearchDirectories);
        return options.Credential is { } explicitCredential
            ? new ExplicitCredentialProvider(options.CredentialRegistry ?? registry, explicitCredential, docker)
            : docker;
    }

    /// <inheritdoc />
    public async Task<IImage> OpenAsync(ImageReference reference, SourceOptions options, CancellationToken cancellationToken)
    {
        var name = reference.Registry ?? throw new ArgumentException("not a registry reference", nameof(reference));
        var client = new RegistryClient(name.Registry, options, CredentialsFor(name.Registry, options), _handler);
        try
        {
            var manifest = await client.FetchManifestAsync(name.Repository, name.ManifestReference, cancellationToken).ConfigureAwait(false);
            var root = manifest.Parse(name.ToString());
            var image = await ManifestResolver.ResolveAsync(reference, new RegistryBlobStore(client, name.Repository), root, options, cancellationToken).ConfigureAwait(false);
            return image.OwnedBy(client);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
