using System.Buffers.Binary;
using System.Text;

namespace Drydock.Analysis.Packages.Rpm;

/// <summary>The facts read from one installed package's header blob, as the rpm databases store it: index count
/// and data length (big-endian 32-bit), 16-byte index entries (tag, type, offset, count), then the data area.
/// Region tags (immutable header, signatures) are skipped; when a tag repeats, the later entry wins, as rpm lets
/// "dribble" entries after the region override it. Every offset and count is checked against the blob.</summary>
public sealed record RpmHeader
{
    /// <summary>rpm's own ceilings: at most 65535 index entries and a 256 MiB data area.</summary>
    private const int MaxIndexEntries = 0xFFFF;
    private const int MaxDataLength = 0x0FFFFFFF;

    /// <summary>RPMTAG_NAME.</summary>
    public required string Name { get; init; }

    /// <summary>RPMTAG_EPOCH, when present.</summary>
    public int? Epoch { get; init; }

    /// <summary>RPMTAG_VERSION.</summary>
    public string? Version { get; init; }

    /// <summary>RPMTAG_RELEASE.</summary>
    public string? Release { get; init; }

    /// <summary>RPMTAG_ARCH.</summary>
    public string? Arch { get; init; }

    /// <summary>RPMTAG_SOURCERPM (<c>name-version-release.src.rpm</c>).</summary>
    public string? SourceRpm { get; init; }

    /// <summary>RPMTAG_LICENSE.</summary>
    public string? License { get; init; }

    /// <summary>RPMTAG_VENDOR.</summary>
    public string? Vendor { get; init; }

    /// <summary>RPMTAG_MODULARITYLABEL.</summary>
    public string? ModularityLabel { get; init; }

    /// <summary>RPMTAG_SUMMARY (the first, untranslated string).</summary>
    public string? Summary { get; init; }

    /// <summary>RPMTAG_LONGSIZE, else RPMTAG_SIZE: the installed size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>RPMTAG_SIGMD5 in lower-case hex.</summary>
    public string? SigMd5 { get; init; }

    /// <summary>RPMTAG_SHA256HEADER.</summary>
    public string? Sha256Header { get; init; }

    /// <summary>RPMTAG_SHA1HEADER.</summary>
    public string? Sha1Header { get; init; }

    /// <summary>Installed paths as rpm writes them (absolute), from BASENAMES/DIRNAMES/DIRINDEXES or OLDFILENAMES.</summary>
    public List<string> Files { get; init; } = [];

    /// <summary>RPMTAG_FILEDIGESTS, parallel to <see cref="Files"/> (empty for directories and symlinks); empty
    /// when the header has none or their count does not match the files.</summary>
    public List<string> FileDigests { get; init; } = [];

    /// <summary>The algorithm of <see cref="FileDigests"/> from RPMTAG_FILEDIGESTALGO (MD5 when absent), lower case as
    /// <see cref="FileDigest"/> names it; null for an algorithm this reader does not know.</summary>
    public string? FileDigestAlgorithm { get; init; }

    /// <summary>Why the file list could not be read, when it could not (the package itself is still valid).</summary>
    public string? FileListProblem { get; init; }

    /// <summary>Parses one header blob; throws <see cref="InvalidDataException"/> with a one-line reason when it is malformed.</summary>
    public static RpmHeader Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 8)
        {
            throw new InvalidDataException($"header blob of {blob.Length} bytes is shorter than its 8-byte preamble");
        }

        var indexCount = BinaryPrimitives.ReadInt32BigEndian(blob);
        var dataLength = BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        if (indexCount is < 1 or > MaxIndexEntries || dataLength is < 0 or > MaxDataLength)
        {
            throw new InvalidDataException($"header declares {indexCount} index entries and {dataLength} data bytes, out of range");
        }

        var needed = 8L + (16L * indexCount) + dataLength;
        if (needed > blob.Length)
        {
            throw new InvalidDataException($"header declares {needed} bytes but the blob holds {blob.Length}");
        }

        var view = new View(blob.Slice(8, 16 * indexCount), blob.Slice(8 + (16 * indexCount), dataLength));
        var name = view.String(RpmTag.Name);
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidDataException("header has no NAME");
        }

        string? fileProblem = null;
        List<string> files;
        List<string> digests = [];
        try
        {
            files = view.Files();
            digests = view.Strings(RpmTag.FileDigests);
            if (digests.Count != files.Count)
            {
                digests = [];
            }
        }
        catch (InvalidDataException e)
        {
            fileProblem = e.Message;
            files = [];
            digests = [];
        }

        var sigMd5 = view.Binary(RpmTag.SigMd5);
        return new RpmHeader
        {
            Name = name,
            Epoch = view.Int32(RpmTag.Epoch),
            Version = view.String(RpmTag.Version),
            Release = view.String(RpmTag.Release),
            Arch = view.String(RpmTag.Arch),
            SourceRpm = view.String(RpmTag.SourceRpm),
            License = view.String(RpmTag.License),
            Vendor = view.String(RpmTag.Vendor),
            ModularityLabel = view.String(RpmTag.ModularityLabel),
            Summary = view.String(RpmTag.Summary),
            Size = view.Int64(RpmTag.LongSize) ?? view.Int32(RpmTag.Size),
            SigMd5 = sigMd5.IsEmpty ? null : Convert.ToHexStringLower(sigMd5),
            Sha256Header = view.String(RpmTag.Sha256Header),
            Sha1Header = view.String(RpmTag.Sha1Header),
            Files = files,
            FileDigests = digests,
            FileDigestAlgorithm = DigestAlgorithm(view.Int32(RpmTag.FileDigestAlgo)),
            FileListProblem = fileProblem,
        };
    }

    // The OpenPGP hash algorithm numbers rpm uses for RPMTAG_FILEDIGESTALGO; absent means MD5.
    private static string? DigestAlgorithm(int? pgpHashAlgorithm) => pgpHashAlgorithm switch
    {
        null or 1 => FileDigest.Md5,
        2 => FileDigest.Sha1,
        8 => FileDigest.Sha256,
        9 => "sha384",
        10 => "sha512",
        11 => "sha224",
        _ => null,
    };

    /// <summary>Typed, bounds-checked access to the index and data area of one blob.</summary>
    private readonly ref struct View(ReadOnlySpan<byte> index, ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _index = index;
        private readonly ReadOnlySpan<byte> _data = data;

        /// <summary>Finds the last index entry for <paramref name="tag"/>; checks its offset and count.</summary>
        private bool Find(int tag, out int type, out int offset, out int count)
        {
            type = offset = count = 0;
            var found = false;
            for (var i = _index.Length - 16; i >= 0 && !found; i -= 16)
            {
                if (BinaryPrimitives.ReadInt32BigEndian(_index[i..]) != tag)
                {
                    continue;
                }

                type = BinaryPrimitives.ReadInt32BigEndian(_index[(i + 4)..]);
                offset = BinaryPrimitives.ReadInt32BigEndian(_index[(i + 8)..]);
                count = BinaryPrimitives.ReadInt32BigEndian(_index[(i + 12)..]);
                found = true;
            }

            if (found && (offset < 0 || offset >= _data.Length || count < 1 || count > _data.Length))
            {
                throw new InvalidDataException($"tag {tag} points at offset {offset}, count {count}, outside the {_data.Length}-byte data area");
            }

            return found;
        }

        public string? String(int tag)
        {
            if (!Find(tag, out var type, out var offset, out _))
            {
                return null;
            }

            if (type is not (RpmTag.TypeString or RpmTag.TypeI18nString or RpmTag.TypeStringArray))
            {
                throw new InvalidDataException($"tag {tag} has type {type}, not a string");
            }

            return ReadString(offset, out _);
        }

        public List<string> Strings(int tag)
        {
            if (!Find(tag, out var type, out var offset, out var count))
            {
                return [];
            }

            if (type != RpmTag.TypeStringArray)
            {
                throw new InvalidDataException($"tag {tag} has type {type}, not a string array");
            }

            var values = new List<string>(Math.Min(count, 4096));
            for (var i = 0; i < count; i++)
            {
                if (offset >= _data.Length)
                {
                    throw new InvalidDataException($"tag {tag} declares {count} strings but the data area ends after {i}");
                }

                values.Add(ReadString(offset, out var consumed));
                offset += consumed;
            }

            return values;
        }

        public int? Int32(int tag)
        {
            var values = Int32s(tag, expectedType: RpmTag.TypeInt32);
            return values.Length > 0 ? BinaryPrimitives.ReadInt32BigEndian(values) : null;
        }

        public long? Int64(int tag)
        {
            if (!Find(tag, out var type, out var offset, out _))
            {
                return null;
            }

            if (type != RpmTag.TypeInt64 || offset > _data.Length - 8)
            {
                throw new InvalidDataException($"tag {tag} is not an 8-byte integer inside the data area");
            }

            return BinaryPrimitives.ReadInt64BigEndian(_data[offset..]);
        }

        /// <summary>The raw big-endian bytes of an int32 array (count × 4 bytes).</summary>
        public ReadOnlySpan<byte> Int32s(int tag, int expectedType)
        {
            if (!Find(tag, out var type, out var offset, out var count))
            {
                return [];
            }

            if (type != expectedType || offset + (4L * count) > _data.Length)
            {
                throw new InvalidDataException($"tag {tag} (type {type}, {count} values at {offset}) does not fit the data area as 32-bit integers");
            }

            return _data.Slice(offset, 4 * count);
        }

        public ReadOnlySpan<byte> Binary(int tag)
        {
            if (!Find(tag, out var type, out var offset, out var count))
            {
                return [];
            }

            if (type != RpmTag.TypeBinary || offset + (long)count > _data.Length)
            {
                throw new InvalidDataException($"tag {tag} (type {type}, {count} bytes at {offset}) does not fit the data area");
            }

            return _data.Slice(offset, count);
        }

        public List<string> Files()
        {
            var baseNames = Strings(RpmTag.BaseNames);
            if (baseNames.Count == 0)
            {
                return Strings(RpmTag.OldFileNames);
            }

            var dirNames = Strings(RpmTag.DirNames);
            var dirIndexes = Int32s(RpmTag.DirIndexes, RpmTag.TypeInt32);
            if (dirIndexes.Length != 4 * baseNames.Count)
            {
                throw new InvalidDataException($"{baseNames.Count} base names but {dirIndexes.Length / 4} directory indexes");
            }

            var files = new List<string>(baseNames.Count);
            for (var i = 0; i < baseNames.Count; i++)
            {
                var dir = BinaryPrimitives.ReadInt32BigEndian(dirIndexes[(4 * i)..]);
                if ((uint)dir >= (uint)dirNames.Count)
                {
                    throw new InvalidDataException($"directory index {dir} is outside the {dirNames.Count} directory names");
                }

                files.Add(dirNames[dir] + baseNames[i]);
            }

            return files;
        }

        private string ReadString(int offset, out int consumed)
        {
            var rest = _data[offset..];
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                throw new InvalidDataException($"string at offset {offset} runs past the data area");
            }

            consumed = end + 1;
            return Encoding.UTF8.GetString(rest[..end]);
        }
    }
}
