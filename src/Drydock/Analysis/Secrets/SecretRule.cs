using System.Text.RegularExpressions;

namespace Drydock.Analysis.Secrets;

/// <summary>One kind of secret: keyword anchors that a vectorised search finds first, then a precise pattern run
/// only on a small window around each anchor hit.</summary>
public sealed record SecretRule
{
    /// <summary>A stable id, e.g. <c>aws-access-key-id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The kind of secret: <c>private-key</c>, <c>aws</c>, <c>gcp</c>, <c>azure</c>, <c>github</c>, ...</summary>
    public required string Category { get; init; }

    /// <summary>critical, high, medium or low.</summary>
    public required string Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>ASCII strings of which at least one occurs in every match (case-sensitive).</summary>
    public required IReadOnlyList<string> Anchors { get; init; }

    /// <summary>The pattern, tried once at the anchor (it starts with <c>\G</c>); its <c>secret</c> group is the part that
    /// is masked.</summary>
    public required Regex Pattern { get; init; }

    /// <summary>How many leading characters of the secret may be shown: only a documented format prefix
    /// (<c>ghp_</c>, <c>AKIA</c>), never characters that carry secret entropy.</summary>
    public int KeepPrefix { get; init; }

    /// <summary>A check of the text before the anchor (at most <see cref="SecretScanner.BeforeReach"/> bytes): the
    /// server keys of a connection string before <c>Password=</c>, a secret-named variable before <c>=</c>.</summary>
    public SecretContext? Before { get; init; }

    /// <summary>Bytes after the anchor that a match may reach.</summary>
    public int ForwardReach { get; init; } = 256;

    /// <summary>A string that must also occur within <see cref="NearbyReach"/> bytes of the anchor (GCP keys: <c>"service_account"</c>).</summary>
    public string? RequiredNearby { get; init; }

    /// <summary>How far around the anchor <see cref="RequiredNearby"/> is looked for.</summary>
    public int NearbyReach { get; init; } = 4096;

    /// <summary>Whether the secret is a placeholder or a documented example rather than a real value
    /// (<c>password</c>, <c>${TOKEN}</c>, AWS's <c>AKIAIOSFODNN7EXAMPLE</c>); such matches are not reported.</summary>
    public Func<string, bool> IsAllowedValue { get; init; } = SecretAllowList.IsExampleValue;

    /// <summary>A structural check of the secret beyond the pattern (a JWT header that decodes to JSON with <c>alg</c>).</summary>
    public Func<string, bool>? Verify { get; init; }
}
