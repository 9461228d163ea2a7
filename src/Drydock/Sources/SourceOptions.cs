using Drydock.References;

namespace Drydock.Sources;

/// <summary>How images are opened: platform choice, registry access and size limits.</summary>
public sealed record SourceOptions
{
    /// <summary>The platform to pick from an index; null means linux/amd64, or the host's platform when the index lacks it.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Largest manifest or index accepted, in bytes.</summary>
    public long MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest config blob accepted, in bytes.</summary>
    public long MaxConfigBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Registries that may be reached over plain HTTP besides loopback addresses.</summary>
    public IReadOnlySet<string> InsecureRegistries { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Explicit credentials for the registry of the scanned image (from --username/--password-stdin).</summary>
    public Registry.RegistryCredential? Credential { get; init; }

    /// <summary>The registry <see cref="Credential"/> belongs to; null means the registry of the image being opened
    /// (promotion names the destination here, so the source never receives the destination's password).</summary>
    public string? CredentialRegistry { get; init; }

    /// <summary>The Docker config directory; null means $DOCKER_CONFIG or ~/.docker.</summary>
    public string? DockerConfigDirectory { get; init; }

    /// <summary>Per-request timeout for registry calls (blob bodies stream past it while data keeps coming).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a failed registry request is retried.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first retry delay; later ones back off exponentially with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
