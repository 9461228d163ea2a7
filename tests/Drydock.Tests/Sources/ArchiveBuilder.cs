using System.Formats.Tar;
using System.Text;

namespace Drydock.Tests.Sources;

/// <summary>Writes small (possibly hostile) tar archives for tests with the real <see cref="TarWriter"/>.</summary>
public sealed class ArchiveBuilder
{
    private readonly List<TarEntry> _entries = [];

    /// <summary>Adds a regular file.</summary>
    public ArchiveBuilder File(string name, byte[] content)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return this;
    }

    /// <summary>Adds a regular text file.</summary>
    public ArchiveBuilder File(string name, string content) => File(name, Encoding.UTF8.GetBytes(content));

    /// <summary>Adds a symbolic link.</summary>
    public ArchiveBuilder Symlink(string name, string target)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        return this;
    }

    /// <summary>Adds a directory.</summary>
    public ArchiveBuilder Directory(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.Directory, name));
        return this;
    }

    /// <summary>Copies every member of an existing archive except those <paramref name="skip"/> names.</summary>
    public ArchiveBuilder CopyFrom(string archive, params string[] skip)
    {
        using var stream = System.IO.File.OpenRead(archive);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            if (skip.Contains(entry.Name) || _entries.Any(e => e.Name == entry.Name))
            {
                continue;
            }

            _entries.Add(entry.EntryType switch
            {
                TarEntryType.SymbolicLink => new PaxTarEntry(TarEntryType.SymbolicLink, entry.Name) { LinkName = entry.LinkName },
                TarEntryType.Directory => new PaxTarEntry(TarEntryType.Directory, entry.Name),
                _ => new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = Copy(entry.DataStream) },
            });
        }

        return this;
    }

    /// <summary>Adds every file of a directory tree under <paramref name="prefix"/>.</summary>
    public ArchiveBuilder Tree(string directory, string prefix = "")
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            File(prefix + Path.GetRelativePath(directory, file).Replace('\\', '/'), System.IO.File.ReadAllBytes(file));
        }

        return this;
    }

    /// <summary>Writes the archive to <paramref name="path"/> and returns the path.</summary>
    public string WriteTo(string path)
    {
        using var output = System.IO.File.Create(path);
        using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var entry in _entries)
        {
            if (entry.DataStream is { CanSeek: true } data)
            {
                data.Position = 0;
            }

            writer.WriteEntry(entry);
        }

        return path;
    }

    private static MemoryStream Copy(Stream? data)
    {
        var copy = new MemoryStream();
        data?.CopyTo(copy);
        return copy;
    }
}
