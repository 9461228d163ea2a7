using Drydock.Analysis.Content;

namespace Drydock.Analysis.UserRules.Yara;

/// <summary>One YARA rule that matched a buffer: its namespace and name, its meta values (as text) and the matched
/// strings with their offsets.</summary>
/// <param name="Namespace">The namespace (the rule file's name without extension).</param>
/// <param name="Rule">The rule identifier.</param>
/// <param name="Metas">The rule's meta values; integers and booleans written as text.</param>
/// <param name="Strings">The matched strings: kind <c>string</c>, value <c>$id: text</c>, offset.</param>
public sealed record YaraMatch(string Namespace, string Rule, IReadOnlyDictionary<string, string> Metas, List<FindingEvidence> Strings);
