using System.Formats.Tar;
using System.Runtime.CompilerServices;
using Drydock.Layers.Decompression;
using Drydock.References;

namespace Drydock.Layers;

/// <summary>Reads one layer blob in a single pass: decompresses it as a stream, hashes the tar for the diff-ID,
/// enforces the input limits, recognises whiteouts and yields every entry with a normalised path.
/// Nothing is written to disk. Use once; <see cref="Summary"/> is set when the enumeration completes.</summary>
public sealed class LayerReader
{
    private readonly Stream _blob;
    private readonly string? _mediaType;
    private readonly Digest? _expectedDiffId;
    private readonly InputLimits _limits;
    private readonly string _name;
    private readonly CountingStream _compressed;
    private readonly List<Diagnostic> _warnings = [];
    private TarInputStream? _tar;
    private int _entries;

    /// <summary>Prepares to read <paramref name="blob"/> (owned and disposed by the reader).</summary>
    /// <param name="blob">The blob as stored (compressed or not).</param>
    /// <param name="mediaType">The declared media type; the magic bytes decide.</param>
    /// <param name="expectedDiffId">The diff-ID from the image config; a mismatch fails the read.</param>
    /// <param name="limits">The safety limits.</param>
    /// <param name="name">A name for messages, usually the layer's digest.</param>
    public LayerReader(Stream blob, string? mediaType, Digest? expectedDiffId, InputLimits limits, string name)
    {
        _compressed = new CountingStream(blob);
        _blob = _compressed;
        _mediaType = mediaType;
        _expectedDiffId = expectedDiffId;
        _limits = limits;
        _name = name;
    }

    /// <summary>Compressed bytes read so far (safe to poll from another thread).</summary>
    public long CompressedBytesRead => _compressed.Count;

    /// <summary>Uncompressed bytes read so far (safe to poll from another thread).</summary>
    public long UncompressedBytesRead => _tar?.Count ?? 0;

    /// <summary>Entries yielded so far.</summary>
    public int EntriesRead => Volatile.Read(ref _entries);

    /// <summary>Set once the enumeration has completed without error.</summary>
    public LayerReadSummary? Summary { get; private set; }

    /// <summary>The entries in archive order. Whiteout markers come as <see cref="EntryKind.Whiteout"/> and
    /// <see cref="EntryKind.OpaqueWhiteout"/> entries; unsafe paths are skipped with a warning.</summary>
    /// <exception cref="HostileInputException">The layer is corrupt, truncated or breaks a limit.</exception>
    /// <exception cref="DigestMismatchException">The tar does not hash to the expected diff-ID.</exception>
    public async IAsyncEnumerable<LayerEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (decompressed, compression, warning) = await Decompressor.OpenAsync(_blob, _mediaType, cancellationToken).ConfigureAwait(false);
        if (warning is not null)
        {
            _warnings.Add(new Diagnostic("media-type-mismatch", $"{_name}: {warning}"));
        }

        await using var tar = _tar = new TarInputStream(decompressed, _compressed, _limits, _name);
        var reader = new TarReader(tar, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsMalformed(e))
                {
                    throw Malformed(e);
                }

                if (entry is null)
                {
                    break;
                }

                CheckAgreement(entry, tar.Guard);
                if (++_entries > _limits.MaxEntries)
                {
                    throw new HostileInputException($"{_name}: more than {_limits.MaxEntries} entries (--max-entries)");
                }

                var layerEntry = ToLayerEntry(entry);
                if (layerEntry is not null)
                {
                    yield return layerEntry;
                }
            }
        }

        // The second end-of-archive block and any padding after it still belong to the diff-ID.
        await DrainAsync(tar, cancellationToken).ConfigureAwait(false);
        if (tar.Guard.TrailingNonZero)
        {
            _warnings.Add(new Diagnostic("tar-trailing-data", $"{_name}: data after the tar end-of-archive marker was ignored"));
        }
        else if (tar.Guard.TrailingBytes < 512)
        {
            _warnings.Add(new Diagnostic("tar-short-end-marker", $"{_name}: the tar ends with a single zero block instead of two"));
        }

        var diffId = tar.FinishDigest();
        if (_expectedDiffId is { } expected && expected != diffId)
        {
            throw new DigestMismatchException($"{_name}: uncompressed layer (diff-ID)", expected, diffId.ToString());
        }

        // Read the compressed stream to its end too, so its digest is verified even when the codec stops early.
        await DrainAsync(_blob, cancellationToken).ConfigureAwait(false);
        Summary = new LayerReadSummary(diffId, compression, _compressed.Count, tar.Count, _entries, _warnings);
    }

    // The guard walked the same headers before TarReader parsed them; if they disagree on a size, the guard's
    // view of where headers are (and so its metadata-size check) cannot be trusted for this archive.
    private void CheckAgreement(TarEntry entry, TarHeaderGuard guard)
    {
        if (!guard.TryTakeEntrySize(out var size)
            || (size != entry.Length && !(entry is PaxTarEntry pax && pax.ExtendedAttributes.ContainsKey("GNU.sparse.realsize"))))
        {
            throw new HostileInputException($"{_name}: corrupt layer: ambiguous tar header for '{Short(entry.Name)}' (size {entry.Length})");
        }
    }

    private LayerEntry? ToLayerEntry(TarEntry entry)
    {
        if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
        {
            return null; // archive-wide PAX defaults (git archive writes one); not a filesystem entry
        }

        if (entry.Name.Length > _limits.MaxPathLength)
        {
            Warn("path-too-long", $"entry name of {entry.Name.Length} characters skipped (--max-path-length {_limits.MaxPathLength})", entry.Name[..64]);
            return null;
        }

        var path = EntryPath.Normalise(entry.Name);
        if (path is null)
        {
            Warn("path-traversal", "entry path climbs above the image root; skipped", entry.Name);
            return null;
        }

        if (entry.Length > _limits.MaxFileBytes)
        {
            throw new HostileInputException($"{_name}: entry '{Short(entry.Name)}' is {entry.Length} bytes, over the {_limits.MaxFileBytes}-byte file limit (--max-file-size)");
        }

        var kind = KindOf(entry.EntryType);
        if (kind is null)
        {
            Warn("unsupported-entry", $"tar entry type '{entry.EntryType}' skipped", path);
            return null;
        }

        var name = FileName(path);
        if (name.StartsWith(".wh.", StringComparison.Ordinal))
        {
            return Whiteout(entry, path, name);
        }

        string? linkTarget = null;
        if (kind is EntryKind.HardLink or EntryKind.Symlink && entry.LinkName.Length > _limits.MaxPathLength)
        {
            Warn("path-too-long", $"link target of {entry.LinkName.Length} characters; entry skipped (--max-path-length {_limits.MaxPathLength})", path);
            return null;
        }

        if (kind == EntryKind.HardLink)
        {
            linkTarget = EntryPath.Normalise(entry.LinkName);
            if (string.IsNullOrEmpty(linkTarget))
            {
                Warn("link-outside-root", $"hard link target '{Short(entry.LinkName)}' is outside the image root; skipped", path);
                return null;
            }
        }
        else if (kind == EntryKind.Symlink)
        {
            linkTarget = entry.LinkName;
            if (EntryPath.ResolveLink(path, linkTarget) is null)
            {
                Warn("link-outside-root", $"symlink target '{Short(linkTarget)}' climbs above the image root; it will resolve inside the root", path);
            }
        }

        if (path.Length == 0)
        {
            return null; // the root directory itself
        }

        return new LayerEntry(Info(path, kind.Value, entry, linkTarget), kind == EntryKind.File ? entry.DataStream : null);
    }

    // .wh..wh..opq hides the directory's lower content; .wh.NAME deletes NAME; other .wh..wh.* names are aufs
    // bookkeeping (.wh..wh.plnk, .wh..wh.aufs) and not part of the filesystem.
    private LayerEntry? Whiteout(TarEntry entry, string path, string name)
    {
        var parent = EntryPath.Parent(path);
        if (name == ".wh..wh..opq")
        {
            return new LayerEntry(Info(parent, EntryKind.OpaqueWhiteout, entry, null), null);
        }

        if (name.StartsWith(".wh..wh.", StringComparison.Ordinal))
        {
            return null;
        }

        var hidden = name[4..];
        if (hidden is "" or "." or "..")
        {
            Warn("invalid-whiteout", $"whiteout marker '{name}' names no file; skipped", path);
            return null;
        }

        return new LayerEntry(Info(parent.Length == 0 ? hidden : parent + "/" + hidden, EntryKind.Whiteout, entry, null), null);
    }

    private static EntryInfo Info(string path, EntryKind kind, TarEntry entry, string? linkTarget)
    {
        long mtime;
        try
        {
            mtime = entry.ModificationTime.ToUnixTimeSeconds();
        }
        catch (ArgumentOutOfRangeException)
        {
            mtime = 0;
        }

        var size = kind == EntryKind.File ? entry.Length : 0;
        return new EntryInfo(path, kind, size, (int)entry.Mode, entry.Uid, entry.Gid, linkTarget, mtime);
    }

    private static EntryKind? KindOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => EntryKind.File,
        TarEntryType.Directory => EntryKind.Directory,
        TarEntryType.SymbolicLink => EntryKind.Symlink,
        TarEntryType.HardLink => EntryKind.HardLink,
        TarEntryType.CharacterDevice => EntryKind.CharDevice,
        TarEntryType.BlockDevice => EntryKind.BlockDevice,
        TarEntryType.Fifo => EntryKind.Fifo,
        _ => null,
    };

    private static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    private void Warn(string code, string message, string path)
    {
        if (_warnings.Count < 1000)
        {
            _warnings.Add(new Diagnostic(code, message, Short(path)));
        }
        else if (_warnings.Count == 1000)
        {
            _warnings.Add(new Diagnostic("too-many-warnings", $"{_name}: further warnings for this layer were dropped"));
        }
    }

    private static async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    // What TarReader throws for malformed archives: InvalidDataException mostly, EndOfStreamException when cut,
    // InvalidOperationException for an oversized metadata block, NotSupportedException for old GNU sparse entries.
    private static bool IsMalformed(Exception e) => e is InvalidDataException or EndOfStreamException or FormatException
        or ArgumentException or OverflowException or NotSupportedException
        or (InvalidOperationException and not ObjectDisposedException);

    private HostileInputException Malformed(Exception e)
        => new($"{_name}: corrupt or truncated layer ({e.GetType().Name}: {FirstLine(e.Message)})", e);

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    private static string Short(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
