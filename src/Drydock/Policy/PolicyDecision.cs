namespace Drydock.Policy;

/// <summary>The result of evaluating a policy against one image: every rule the policy names, passed or failed with the reason.</summary>
public sealed record PolicyDecision
{
    /// <summary>The decision schema version; bumped on incompatible changes.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The policy file.</summary>
    public required string Policy { get; init; }

    public required PolicyImage Image { get; init; }

    /// <summary>True when every rule passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>When the decision was made.</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The rules in policy order: registries, base, vulnerabilities, malware, secrets, misconfigurations, maxAge.</summary>
    public required IReadOnlyList<RuleOutcome> Rules { get; init; }

    /// <summary>Exceptions for this image whose date has passed: they were not applied.</summary>
    public IReadOnlyList<ExemptionReport> ExpiredExceptions { get; init; } = [];
}

/// <summary>The image a decision is about.</summary>
public sealed record PolicyImage(string Reference, string Transport, string? Registry, string? Repository, string? Digest, DateTimeOffset? Created, PolicyBase? Base);

/// <summary>One rule's outcome.</summary>
/// <param name="Rule">The rule's name: its key in the policy file.</param>
/// <param name="Passed">Whether the rule passed.</param>
/// <param name="Reason">One line saying why it passed or failed.</param>
/// <param name="Violations">The findings that failed it (all of them, worst first).</param>
/// <param name="Excepted">Findings that would have failed it but an exception accepts.</param>
public sealed record RuleOutcome(string Rule, bool Passed, string Reason, IReadOnlyList<PolicyViolation> Violations, IReadOnlyList<ExceptedFinding> Excepted);

/// <summary>A finding that fails a rule.</summary>
public sealed record PolicyViolation(string Id, string Detail);

/// <summary>A finding an exception accepted, with the exception's expiry and reason.</summary>
public sealed record ExceptedFinding(string Id, string Detail, DateOnly Expires, string Reason);

/// <summary>An exception as written in the policy (for the expired list).</summary>
public sealed record ExemptionReport(string Id, string? Image, DateOnly Expires, string Reason, int Line);
