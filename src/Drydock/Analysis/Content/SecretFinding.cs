namespace Drydock.Analysis.Content;

/// <summary>A secret found in one file of a layer. <see cref="Match"/> is always masked.</summary>
public sealed record SecretFinding
{
    /// <summary>The file's normalised path (no leading slash).</summary>
    public required string Path { get; init; }

    /// <summary>The rule that matched, e.g. <c>aws-access-key-id</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>The kind of secret: <c>private-key</c>, <c>aws</c>, <c>github</c>, ...</summary>
    public required string Category { get; init; }

    /// <summary>critical, high, medium or low.</summary>
    public required string Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>1-based line number.</summary>
    public int Line { get; init; }

    /// <summary>Byte offset of the match in the file.</summary>
    public long Offset { get; init; }

    /// <summary>The matched line with the secret masked.</summary>
    public required string Match { get; init; }
}
