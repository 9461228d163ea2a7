using System.Buffers;
using Drydock.Layers;

namespace Drydock.Analysis;

/// <summary>One entry as the layer walk hands it to the analysis stage: its metadata, what each analyzer asked for
/// (<paramref name="Needs"/>, by catalog position), and the bytes read for them in a pooled <paramref name="Buffer"/>:
/// the head (<paramref name="HeadLength"/> bytes), and the whole content (<paramref name="ContentLength"/> bytes, 0
/// when only the head was read). <paramref name="ContentSkipped"/> is true when an analyzer wanted the content but the
/// file was over the analysed-file limit. The analysis stage returns the buffer.</summary>
internal sealed record ReadEntry(EntryInfo Info, AnalyzerNeed[] Needs, byte[] Buffer, int HeadLength, int ContentLength, bool ContentSkipped)
{
    /// <summary>The bytes this entry holds against the in-flight budget.</summary>
    public long Weight => Buffer.Length;

    /// <summary>An entry with no bytes (whiteouts, entries only their metadata was asked of).</summary>
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
