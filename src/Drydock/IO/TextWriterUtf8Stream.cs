using System.Text;

namespace Drydock.IO;

/// <summary>A write-only stream that decodes the UTF-8 written to it into a <see cref="TextWriter"/>, chunk by chunk
/// (a character split across two writes is kept until its last byte comes).</summary>
public sealed class TextWriterUtf8Stream(TextWriter writer) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    // UTF-8 never takes fewer bytes than UTF-16 takes chars: a slice of N bytes (plus up to 3 held back) decodes to at most N + 3.
    private const int Slice = 16 * 1024;
    private readonly char[] _chars = new char[Slice + 4];

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var slice = buffer[..Math.Min(buffer.Length, Slice)];
            var decoded = _decoder.GetChars(slice, _chars, flush: false);
            writer.Write(_chars, 0, decoded);
            buffer = buffer[slice.Length..];
        }
    }

    public override void Flush() => writer.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
