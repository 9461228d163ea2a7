namespace Drydock.Detection.Misconfigurations;

/// <summary>One failed image configuration check, as the report's <c>misconfigurations</c> section lists it.</summary>
public sealed record MisconfigurationFinding
{
    /// <summary>The check's stable id, e.g. <c>root-user</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The CIS Docker Benchmark recommendation it follows (<c>4.1</c>, <c>4.6</c>, ...), where one applies.</summary>
    public string? Cis { get; init; }

    /// <summary>critical, high, medium or low.</summary>
    public required string Severity { get; init; }

    public required string Title { get; init; }

    /// <summary>How to fix it.</summary>
    public required string Fix { get; init; }

    /// <summary>What the check saw: config values, history steps, files (secrets masked).</summary>
    public List<string> Evidence { get; init; } = [];
}
