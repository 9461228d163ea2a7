using System.Buffers;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Drydock.Advisories.Builders.Yaml;

/// <summary>Turns the first document of a YAML file into JSON with YamlDotNet's event parser, so one JSON reader serves both.
/// Every scalar becomes a JSON string (or null for a plain empty, <c>~</c> or <c>null</c>), which keeps versions such as
/// <c>1.10</c> as written. Aliases are refused (no expansion, so no billion-laughs), as are non-scalar keys,
/// nesting deeper than <see cref="MaxDepth"/> and more than <see cref="MaxNodes"/> nodes.</summary>
internal static class YamlToJson
{
    /// <summary>Deepest nesting accepted.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes (scalars, mappings, sequences) accepted in one document.</summary>
    public const int MaxNodes = 4_000_000;

    /// <summary>The JSON text of the first document, or throws <see cref="InvalidDataException"/> with a one-line reason.</summary>
    public static byte[] Convert(string yaml)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, yaml.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false, MaxDepth = MaxDepth + 1 }))
        {
            try
            {
                var parser = new Parser(new StringReader(yaml));
                parser.Consume<StreamStart>();
                if (!parser.TryConsume<DocumentStart>(out _))
                {
                    throw new InvalidDataException("empty YAML document");
                }

                var nodes = 0;
                WriteNode(parser, writer, 0, ref nodes);
            }
            catch (YamlException e)
            {
                throw new InvalidDataException($"invalid YAML at line {e.Start.Line}: {OneLine(e.Message)}", e);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNode(IParser parser, Utf8JsonWriter writer, int depth, ref int nodes)
    {
        if (++nodes > MaxNodes)
        {
            throw new InvalidDataException($"YAML document has more than {MaxNodes} nodes");
        }

        if (depth > MaxDepth)
        {
            throw new InvalidDataException($"YAML nesting deeper than {MaxDepth}");
        }

        var current = parser.Current ?? throw new InvalidDataException("unexpected end of YAML");
        switch (current)
        {
            case AnchorAlias:
                throw new InvalidDataException("YAML aliases are not accepted in advisory data");
            case Scalar scalar:
                parser.MoveNext();
                if (IsNull(scalar))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(scalar.Value);
                }

                break;
            case SequenceStart:
                parser.MoveNext();
                writer.WriteStartArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    WriteNode(parser, writer, depth + 1, ref nodes);
                }

                writer.WriteEndArray();
                break;
            case MappingStart:
                parser.MoveNext();
                writer.WriteStartObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar key)
                    {
                        throw new InvalidDataException(parser.Current is AnchorAlias
                            ? "YAML aliases are not accepted in advisory data"
                            : "YAML mapping key is not a scalar");
                    }

                    parser.MoveNext();
                    writer.WritePropertyName(key.Value);
                    WriteNode(parser, writer, depth + 1, ref nodes);
                }

                writer.WriteEndObject();
                break;
            default:
                throw new InvalidDataException($"unexpected YAML event {current.GetType().Name}");
        }
    }

    private static bool IsNull(Scalar scalar)
        => scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
