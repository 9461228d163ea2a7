namespace Drydock.Policy;

/// <summary>A policy file that does not parse or names an unknown key: one line, <c>FILE:LINE:COLUMN: message</c>.</summary>
public sealed class PolicyParseException(string source, int line, int column, string reason)
    : DrydockInputException($"{source}:{line}:{column}: {reason}")
{
    /// <summary>The 1-based line of the offending node.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column of the offending node.</summary>
    public int Column { get; } = column;

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; } = reason;
}
