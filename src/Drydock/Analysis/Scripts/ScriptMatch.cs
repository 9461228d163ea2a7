using Drydock.Analysis.Content;

namespace Drydock.Analysis.Scripts;

/// <summary>One rule that matched a script, a command line or an install hook.</summary>
/// <param name="RuleId">The rule, e.g. <c>coin-miner/miner-command-line</c>.</param>
/// <param name="Category">One of <see cref="ThreatCategory"/>.</param>
/// <param name="Confidence">How sure the rule is, weighed by where the text was found.</param>
/// <param name="Title">One line saying what was found.</param>
/// <param name="Text">The matched line, trimmed and cut to a readable length.</param>
/// <param name="Line">1-based line number in the text.</param>
/// <param name="CharOffset">Offset of the line's first character in the text.</param>
public sealed record ScriptMatch(string RuleId, string Category, Confidence Confidence, string Title, string Text, int Line, int CharOffset);
