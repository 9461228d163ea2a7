using System.Buffers.Binary;
using System.Text;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>Writes rpm header blobs for tests: big-endian index entries and an aligned data area.</summary>
internal sealed class HeaderBlob
{
    private readonly List<(int Tag, int Type, int Count, byte[] Data)> _entries = [];

    public HeaderBlob String(int tag, string value) => Add(tag, 6, 1, Encoding.UTF8.GetBytes(value + "\0"));

    public HeaderBlob Strings(int tag, params string[] values) => Add(tag, 8, values.Length, Encoding.UTF8.GetBytes(string.Concat(values.Select(v => v + "\0"))));

    public HeaderBlob Int32s(int tag, params int[] values)
    {
        var data = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 * i), values[i]);
        }

        return Add(tag, 4, values.Length, data);
    }

    public HeaderBlob Add(int tag, int type, int count, byte[] data)
    {
        _entries.Add((tag, type, count, data));
        return this;
    }

    public static HeaderBlob Package(string name, string version = "1.0", string release = "1") => new HeaderBlob()
        .String(1000, name).String(1001, version).String(1002, release).String(1022, "noarch")
        .String(1044, $"{name}-{version}-{release}.src.rpm").String(1014, "MIT");

    public byte[] Build()
    {
        var data = new List<byte>();
        var index = new byte[16 * _entries.Count];
        for (var i = 0; i < _entries.Count; i++)
        {
            var (tag, type, count, bytes) = _entries[i];
            while (type == 4 && data.Count % 4 != 0)
            {
                data.Add(0);
            }

            BinaryPrimitives.WriteInt32BigEndian(index.AsSpan(16 * i), tag);
            BinaryPrimitives.WriteInt32BigEndian(index.AsSpan((16 * i) + 4), type);
            BinaryPrimitives.WriteInt32BigEndian(index.AsSpan((16 * i) + 8), data.Count);
            BinaryPrimitives.WriteInt32BigEndian(index.AsSpan((16 * i) + 12), count);
            data.AddRange(bytes);
        }

        var blob = new byte[8 + index.Length + data.Count];
        BinaryPrimitives.WriteInt32BigEndian(blob, _entries.Count);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4), data.Count);
        index.CopyTo(blob, 8);
        data.CopyTo(blob, 8 + index.Length);
        return blob;
    }
}
