using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Drydock.Tests.Support;

/// <summary>Builds small layer tars in memory for tests (files, directories, links, whiteouts).</summary>
public sealed class TarBuilder
{
    private readonly List<Action<TarWriter>> _entries = [];

    public TarBuilder File(string path, string content, int mode = 0x1a4) => File(path, Encoding.UTF8.GetBytes(content), mode);

    public TarBuilder File(string path, byte[] content, int mode = 0x1a4)
    {
        _entries.Add(w =>
        {
            var e = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content), Mode = (UnixFileMode)mode };
            w.WriteEntry(e);
        });
        return this;
    }

    public TarBuilder Directory(string path, int mode = 0x1ed)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, path) { Mode = (UnixFileMode)mode }));
        return this;
    }

    public TarBuilder Symlink(string path, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target }));
        return this;
    }

    public TarBuilder HardLink(string path, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, path) { LinkName = target }));
        return this;
    }

    public TarBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        var marker = slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..];
        return File(marker, []);
    }

    public TarBuilder Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq", []);

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var add in _entries)
            {
                add(writer);
            }
        }

        return buffer.ToArray();
    }

    public byte[] BuildGzip()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Build());
        }

        return buffer.ToArray();
    }
}
