using System.Text.Json;
using System.Text.Json.Serialization;
using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.LayerCache;

/// <summary>Writes a cached <see cref="FileRecord"/> as a compact array <c>[path, kind, size, mode, uid, gid, link, format]</c>:
/// layers hold tens of thousands of them, and reading them back is most of a warm scan.</summary>
internal sealed class FileRecordArrayConverter : JsonConverter<FileRecord>
{
    public override FileRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("a cached file record is an array");
        }

        reader.Read();
        var path = reader.GetString() ?? throw new JsonException("a cached file record has no path");
        reader.Read();
        var kind = (EntryKind)reader.GetByte();
        reader.Read();
        var size = reader.GetInt64();
        reader.Read();
        var mode = reader.GetInt32();
        reader.Read();
        var uid = reader.GetInt32();
        reader.Read();
        var gid = reader.GetInt32();
        reader.Read();
        var link = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        reader.Read();
        var format = (ExecutableFormat)reader.GetByte();
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("a cached file record has extra fields");
        }

        return new FileRecord(path, kind, size, mode, uid, gid, link, format);
    }

    public override void Write(Utf8JsonWriter writer, FileRecord value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Path);
        writer.WriteNumberValue((byte)value.Kind);
        writer.WriteNumberValue(value.Size);
        writer.WriteNumberValue(value.Mode);
        writer.WriteNumberValue(value.Uid);
        writer.WriteNumberValue(value.Gid);
        if (value.LinkTarget is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.LinkTarget);
        }

        writer.WriteNumberValue((byte)value.Format);
        writer.WriteEndArray();
    }
}
