namespace Drydock.Admission;

/// <summary>How the webhook decides when it cannot look: the time budget for an image not yet scanned, and whether an
/// image without a verdict is admitted (fail-open) or denied (fail-closed, the default).</summary>
public sealed record AdmissionOptions
{
    /// <summary>How long a request waits for digest resolution and a scan.</summary>
    public TimeSpan ScanTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long a tag's digest is reused before the registry is asked again (zero: every request asks).</summary>
    public TimeSpan DigestTtl { get; init; }

    /// <summary>Admit an image whose verdict is not known in time or whose registry cannot be reached.</summary>
    public bool FailOpen { get; init; }
}
