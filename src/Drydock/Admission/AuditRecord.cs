namespace Drydock.Admission;

/// <summary>One line of the audit log: a decision, the request it answers and each image's verdict.</summary>
public sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>The AdmissionReview request uid.</summary>
    public required string Uid { get; init; }

    public string? Namespace { get; init; }

    /// <summary>The object's kind (Pod, Deployment, ...).</summary>
    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Operation { get; init; }

    public bool? DryRun { get; init; }

    /// <summary><c>allowed</c> or <c>denied</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>The message sent back (the denial reason, or why nothing was checked).</summary>
    public required string Message { get; init; }

    public required IReadOnlyList<AuditImage> Images { get; init; }

    public required double DurationMs { get; init; }
}

/// <summary>One image of an audited decision.</summary>
/// <param name="Image">The image as the pod spec names it.</param>
/// <param name="Digest">The manifest digest it resolved to.</param>
/// <param name="Result"><c>passed</c>, <c>failed</c>, <c>unavailable</c> or <c>invalid</c>.</param>
/// <param name="Containers">The containers that run it.</param>
/// <param name="FailedRules">The policy rules that failed, each as <c>rule: reason</c>.</param>
/// <param name="Reason">Why there is no policy verdict.</param>
/// <param name="Cached">Whether the scan facts came from the cache.</param>
public sealed record AuditImage(string Image, string? Digest, string Result, IReadOnlyList<string> Containers, IReadOnlyList<string> FailedRules, string? Reason, bool Cached);
