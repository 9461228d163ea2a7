using System.Buffers;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>One entry as the layer walk hands it to the analysis stage: its metadata, what each analyzer asked for,
/// and the bytes read for them (the head, and the whole content when an analyzer wanted it) in a pooled buffer that the
/// analysis stage returns.</summary>
internal sealed class ReadEntry
{
    private ReadEntry(EntryInfo info, AnalyzerNeed[] needs, byte[] buffer, int headLength, int contentLength, bool contentSkipped)
    {
        Info = info;
        Needs = needs;
        Buffer = buffer;
        HeadLength = headLength;
        ContentLength = contentLength;
        ContentSkipped = contentSkipped;
    }

    /// <summary>The entry's metadata.</summary>
    public EntryInfo Info { get; }

    /// <summary>What each analyzer of the catalog asked for, by catalog position.</summary>
    public AnalyzerNeed[] Needs { get; }

    /// <summary>Pooled bytes: the head, followed by the rest of the content when it was read.</summary>
    public byte[] Buffer { get; }

    /// <summary>Bytes of the head at the start of <see cref="Buffer"/>.</summary>
    public int HeadLength { get; }

    /// <summary>Bytes of content at the start of <see cref="Buffer"/> (0 when only the head was read).</summary>
    public int ContentLength { get; }

    /// <summary>True when an analyzer wanted the content but the file was over the analysed-file limit.</summary>
    public bool ContentSkipped { get; }

    /// <summary>The bytes this entry holds against the in-flight budget.</summary>
    public long Weight => Buffer.Length;

    /// <summary>An entry whose head and, when <paramref name="contentLength"/> is non-zero, content are in <paramref name="buffer"/>.</summary>
    public static ReadEntry Read(EntryInfo info, AnalyzerNeed[] needs, byte[] buffer, int headLength, int contentLength, bool contentSkipped) =>
        new(info, needs, buffer, headLength, contentLength, contentSkipped);

    /// <summary>An entry with no bytes (directories, links, whiteouts, files only their metadata was asked of).</summary>
    public static ReadEntry MetadataOnly(EntryInfo info, AnalyzerNeed[] needs) => new(info, needs, [], 0, 0, false);

    /// <summary>Returns the pooled buffer; the entry must not be used afterwards.</summary>
    public void ReturnBuffer()
    {
        if (Buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
