namespace Drydock.Analysis.Content;

/// <summary>One piece of evidence behind a finding: a matched string with its byte offset, a config line, a package.</summary>
/// <param name="Kind">What the value is: <c>string</c>, <c>line</c>, <c>package</c>, <c>config</c>, <c>hash</c>, <c>structure</c>.</param>
/// <param name="Value">The matched text (truncated to a readable length; secrets never appear unmasked).</param>
/// <param name="Offset">Byte offset in the file, for string matches.</param>
/// <param name="Line">1-based line number, for text files.</param>
public sealed record FindingEvidence(string Kind, string Value, long? Offset = null, int? Line = null);
