using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Drydock.Policy;

/// <summary>Reads the one document of a policy file into <see cref="YamlNode"/>s with YamlDotNet's event parser. Anchors
/// and aliases, tags other than the standard ones, non-scalar keys, duplicate keys, more than one document and nesting
/// deeper than <see cref="MaxDepth"/> are refused with the line and column.</summary>
internal static class PolicyYamlReader
{
    /// <summary>Deepest nesting accepted (a policy needs four levels).</summary>
    public const int MaxDepth = 16;

    /// <summary>The root node, or null for an empty file; throws <see cref="PolicyParseException"/>.</summary>
    public static YamlNode? Read(string text, string source)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, 0);
            parser.Consume<DocumentEnd>();
            if (parser.Current is DocumentStart second)
            {
                throw Error(source, second.Start, "a policy file holds one YAML document, this is a second one");
            }

            return root;
        }
        catch (YamlException e)
        {
            var (line, column) = YamlNode.At(e.Start);
            throw new PolicyParseException(source, line, column, "invalid YAML: " + Message(e));
        }
    }

    private static YamlNode ReadNode(IParser parser, string source, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(source, parser.Current!.Start, $"nesting deeper than {MaxDepth} levels");
        }

        var current = parser.Current!;
        if (current is AnchorAlias alias)
        {
            throw Error(source, alias.Start, "YAML aliases (*name) are not accepted in a policy");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            throw Error(source, anchored.Start, "YAML anchors (&name) are not accepted in a policy");
        }

        var (line, column) = YamlNode.At(current.Start);
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                var isNull = !quoted && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new YamlScalar(scalar.Value, quoted, isNull, line, column);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, source, depth + 1));
                }

                return new YamlSequence(items, line, column);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ReadNode(parser, source, depth + 1) is not YamlScalar key)
                    {
                        throw new PolicyParseException(source, line, column, "mapping keys must be plain words");
                    }

                    if (!seen.Add(key.Value))
                    {
                        throw new PolicyParseException(source, key.Line, key.Column, $"duplicate key '{key.Value}'");
                    }

                    entries.Add(new(key, ReadNode(parser, source, depth + 1)));
                }

                return new YamlMapping(entries, line, column);
            default:
                throw Error(source, current.Start, $"unexpected YAML {current.GetType().Name}");
        }
    }

    private static PolicyParseException Error(string source, Mark mark, string message)
    {
        var (line, column) = YamlNode.At(mark);
        return new PolicyParseException(source, line, column, message);
    }

    // YamlDotNet prefixes its messages with the position ("(Line: 3, Col: 5, Idx: 20) - (...): "); we print our own.
    private static string Message(YamlException e)
    {
        var text = e.Message;
        var marker = text.IndexOf("): ", StringComparison.Ordinal);
        text = text.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0 ? text[(marker + 3)..] : text;
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}
