namespace Drydock.Detection.Secrets;

/// <summary>One secret of an image, as the report's <c>secrets</c> section lists it; <see cref="Match"/> is always masked.</summary>
public sealed record ImageSecretFinding
{
    /// <summary>The rule that matched, e.g. <c>github-token</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The kind of secret: <c>private-key</c>, <c>aws</c>, <c>github</c>, <c>assignment</c>, ...</summary>
    public required string Category { get; init; }

    /// <summary>critical, high, medium or low.</summary>
    public required string Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>Where it was found: <c>file</c>, <c>env</c>, <c>label</c> or <c>history</c> (the image configuration).</summary>
    public required string Source { get; init; }

    /// <summary>The file (leading slash), for file findings.</summary>
    public string? Path { get; init; }

    /// <summary>The configuration entry, for config findings: <c>Env DB_PASSWORD</c>, <c>Label com.example.token</c>, <c>history 3</c>.</summary>
    public string? Location { get; init; }

    /// <summary>1-based line in the file.</summary>
    public int? Line { get; init; }

    /// <summary>The diff-ID of the layer holding the file (or built by the history step).</summary>
    public string? Layer { get; init; }

    /// <summary>True when the finding's layer belongs to the detected hardened base (see the report's <c>base</c>).</summary>
    public bool FromBase { get; init; }

    /// <summary>True when a later layer deleted or replaced the file: gone from the running image, still in its layers.</summary>
    public bool Deleted { get; init; }

    /// <summary>The diff-ID of the layer that deleted or replaced the file.</summary>
    public string? DeletedIn { get; init; }

    /// <summary>The text around the secret with the secret masked.</summary>
    public required string Match { get; init; }
}
