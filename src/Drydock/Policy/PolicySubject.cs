namespace Drydock.Policy;

/// <summary>What a policy is evaluated against: one scanned image, reduced to the facts the rules read
/// (built from a scan report by <see cref="PolicySubjectMapper"/>).</summary>
public sealed record PolicySubject
{
    /// <summary>The image as the user named it.</summary>
    public required string Reference { get; init; }

    /// <summary>The normalised registry host, or null for an image that is not read from a registry.</summary>
    public string? Registry { get; init; }

    /// <summary>The normalised repository, or null for an image that is not read from a registry.</summary>
    public string? Repository { get; init; }

    /// <summary>The transport the image was read through (<c>docker</c>, <c>oci-archive</c>, <c>sbom</c>, ...).</summary>
    public required string Transport { get; init; }

    /// <summary>The resolved manifest digest.</summary>
    public string? Digest { get; init; }

    /// <summary>When the image configuration says it was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The hardened catalog base the image is built on, or null.</summary>
    public PolicyBase? Base { get; init; }

    /// <summary>Whether base detection ran against a catalog (false: a null <see cref="Base"/> means "not known").</summary>
    public bool BaseDetected { get; init; }

    /// <summary>Null when vulnerabilities were matched; otherwise why not.</summary>
    public string? VulnerabilitiesNotChecked { get; init; }

    public IReadOnlyList<PolicyVulnerability> Vulnerabilities { get; init; } = [];

    /// <summary>Null when the malware scanner ran; otherwise why not.</summary>
    public string? MalwareNotChecked { get; init; }

    public IReadOnlyList<PolicyMalware> Malware { get; init; } = [];

    /// <summary>The malware verdict (clean, suspicious, malicious), when the scanner ran.</summary>
    public string? Verdict { get; init; }

    /// <summary>The sandbox's behaviour verdict (clean, suspicious, malicious), when the image ran in it.</summary>
    public string? SandboxVerdict { get; init; }

    /// <summary>The sandbox's reasons, one line each.</summary>
    public IReadOnlyList<string> SandboxReasons { get; init; } = [];

    /// <summary>Null when the secret scanner ran; otherwise why not.</summary>
    public string? SecretsNotChecked { get; init; }

    public IReadOnlyList<PolicySecret> Secrets { get; init; } = [];

    /// <summary>Null when the image configuration was checked; otherwise why not.</summary>
    public string? MisconfigurationsNotChecked { get; init; }

    /// <summary>The failed misconfiguration checks.</summary>
    public IReadOnlyList<PolicyMisconfiguration> Misconfigurations { get; init; } = [];
}

/// <summary>The hardened base an image is built on: its catalog name and manifest digest.</summary>
public sealed record PolicyBase(string Name, string? Digest);

/// <summary>A vulnerability finding as a policy sees it.</summary>
public sealed record PolicyVulnerability(string Id, IReadOnlyList<string> Aliases, string Severity, bool Fixable, bool Kev, string Package, string Version);

/// <summary>A malicious-content finding as a policy sees it.</summary>
public sealed record PolicyMalware(string RuleId, string Category, Analysis.Content.Confidence Confidence, string Title, string? Path, string? Sha256);

/// <summary>A failed image configuration check as a policy sees it.</summary>
public sealed record PolicyMisconfiguration(string Id, string Severity, string Title);

/// <summary>A secret as a policy sees it (never the value).</summary>
public sealed record PolicySecret(string RuleId, string Severity, string Where);
