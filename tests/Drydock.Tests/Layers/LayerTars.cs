using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Drydock.Layers;
using Drydock.References;

namespace Drydock.Tests.Layers;

/// <summary>Builds layer blobs for the tests (TarWriter, hand-made headers, gzip and zstd) and reads them back.</summary>
internal static class LayerTars
{
    public const string GzipMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string TarMediaType = "application/vnd.oci.image.layer.v1.tar";
    public const string ZstdMediaType = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>One entry as the reader yielded it, with the file content read out.</summary>
    public sealed record ReadEntry(EntryInfo Info, byte[]? Content);

    /// <summary>A tar written by TarWriter in <paramref name="format"/> from (name, type, content-or-link) rows.</summary>
    public static byte[] Tar(TarEntryFormat format, params (string Name, TarEntryType Type, string? Text)[] rows)
    {
        var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, format, leaveOpen: true))
        {
            foreach (var (name, type, text) in rows)
            {
                writer.WriteEntry(Entry(format, type, name, text));
            }
        }

        return ms.ToArray();
    }

    public static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name, string? text = null)
    {
        TarEntry entry = format switch
        {
            TarEntryFormat.Gnu => new GnuTarEntry(type, name),
            TarEntryFormat.Ustar => new UstarTarEntry(type, name),
            TarEntryFormat.V7 => new V7TarEntry(type, name),
            _ => new PaxTarEntry(type, name),
        };
        entry.Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            entry.LinkName = text!;
        }
        else if (text is not null)
        {
            entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        }

        return entry;
    }

    /// <summary>A raw 512-byte ustar header with a correct checksum and an arbitrary size (octal).</summary>
    public static byte[] Header(string name, char type, long size)
    {
        var h = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(h, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(h, 124);
        Encoding.ASCII.GetBytes("14524442420\0").CopyTo(h, 136);
        h[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(h, 257);
        h.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in h)
        {
            sum += b;
        }

        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
        return h;
    }

    public static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }

    public static LayerReader Reader(byte[] blob, string? mediaType = TarMediaType, Digest? diffId = null, InputLimits? limits = null)
        => new(new MemoryStream(blob, writable: false), mediaType, diffId, limits ?? InputLimits.Default, "test-layer");

    /// <summary>Reads every entry (and every file's content) and returns them with the reader for its summary.</summary>
    public static async Task<(List<ReadEntry> Entries, LayerReader Reader)> ReadAllAsync(LayerReader reader, CancellationToken cancellationToken = default)
    {
        var entries = new List<ReadEntry>();
        await foreach (var entry in reader.ReadAsync(cancellationToken))
        {
            byte[]? content = null;
            if (entry.Data is { } data)
            {
                var ms = new MemoryStream();
                await data.CopyToAsync(ms, cancellationToken);
                content = ms.ToArray();
            }

            entries.Add(new ReadEntry(entry.Info, content));
        }

        return (entries, reader);
    }

    public static Task<(List<ReadEntry> Entries, LayerReader Reader)> ReadAllAsync(byte[] blob, string? mediaType = TarMediaType,
        Digest? diffId = null, InputLimits? limits = null)
        => ReadAllAsync(Reader(blob, mediaType, diffId, limits));
}
