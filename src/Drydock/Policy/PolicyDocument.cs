namespace Drydock.Policy;

/// <summary>A parsed policy file (schema version 1, documented in docs/policy.md); a section left out is a rule not checked.</summary>
public sealed record PolicyDocument
{
    /// <summary>The only schema version this build reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Where the policy came from (a file name), for messages.</summary>
    public required string Source { get; init; }

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Registries and repositories an image may come from.</summary>
    public IReadOnlyList<ImagePattern>? AllowedRegistries { get; init; }

    /// <summary>The hardened base the image must be built on.</summary>
    public BaseRequirement? Base { get; init; }

    /// <summary>The worst vulnerability severity admitted.</summary>
    public VulnerabilityLimit? Vulnerabilities { get; init; }

    /// <summary>Malicious-content categories denied.</summary>
    public MalwareDenial? Malware { get; init; }

    /// <summary>Whether any secret in the image fails it.</summary>
    public bool DenySecrets { get; init; }

    /// <summary>Misconfiguration check ids denied.</summary>
    public IReadOnlyList<string>? DeniedMisconfigurations { get; init; }

    /// <summary>The sandbox verdict required (<c>clean</c> or <c>not-malicious</c>); null when the sandbox is not required.</summary>
    public string? SandboxRequirement { get; init; }

    /// <summary>The oldest an image may be (from its configuration's creation time).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Findings accepted for a time, by image pattern and finding id.</summary>
    public IReadOnlyList<PolicyExemption> Exceptions { get; init; } = [];
}

/// <summary><c>base.require</c>: any catalog base (<c>hardened</c>), or one of the named bases.</summary>
/// <param name="Names">Null for any catalog base; otherwise image patterns the base's name must match.</param>
public sealed record BaseRequirement(IReadOnlyList<ImagePattern>? Names);

/// <summary><c>vulnerabilities</c>: findings above <paramref name="MaxSeverity"/> fail, counting only fixable or KEV ones when asked.</summary>
public sealed record VulnerabilityLimit(string MaxSeverity, bool OnlyFixable, bool OnlyKev);

/// <summary><c>malware</c>: findings in these categories, at or above the confidence, fail.</summary>
public sealed record MalwareDenial(IReadOnlyList<string> Categories, Analysis.Content.Confidence MinConfidence);

/// <summary>One entry of the policy's <c>exceptions</c>: a finding id accepted on matching images until a date, and why.</summary>
/// <param name="Id">A vulnerability id or alias, malware rule id or SHA-256, secret rule id or misconfiguration id.</param>
/// <param name="Image">The images it covers; null for every image.</param>
/// <param name="Expires">The last day it applies (UTC).</param>
/// <param name="Reason">Why the finding is accepted.</param>
/// <param name="Line">Where it is in the policy file, for messages.</param>
public sealed record PolicyExemption(string Id, ImagePattern? Image, DateOnly Expires, string Reason, int Line);
