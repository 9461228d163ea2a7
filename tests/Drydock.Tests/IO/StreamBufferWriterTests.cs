using System.Text;
using Drydock.IO;

namespace Drydock.Tests.IO;

public sealed class StreamBufferWriterTests
{
    [Fact]
    public void Writes_reach_the_stream_in_order_in_chunks_no_larger_than_the_buffer()
    {
        var stream = new RecordingStream();
        var expected = new MemoryStream();
        using (var writer = new StreamBufferWriter(stream, bufferSize: 256))
        {
            for (var i = 0; i < 1000; i++)
            {
                var piece = Encoding.UTF8.GetBytes($"piece {i};");
                piece.CopyTo(writer.GetSpan(piece.Length));
                writer.Advance(piece.Length);
                expected.Write(piece);
            }

            writer.Flush();
            Assert.Equal(expected.Length, writer.BytesWritten);
        }

        Assert.Equal(expected.ToArray(), stream.ToArray());
        Assert.True(stream.Writes > 10);
        Assert.All(stream.Sizes, size => Assert.InRange(size, 1, 512)); // the pool may round 256 up
    }

    [Fact]
    public void A_request_larger_than_the_buffer_gets_a_larger_one()
    {
        var stream = new MemoryStream();
        using var writer = new StreamBufferWriter(stream, bufferSize: 256);
        writer.GetSpan(10)[0] = 1;
        writer.Advance(1);
        var big = writer.GetMemory(10_000);
        Assert.True(big.Length >= 10_000);
        Assert.Equal([1], stream.ToArray()); // what was written went out first
        big.Span[..10_000].Fill(2);
        writer.Advance(10_000);
        writer.Flush();
        Assert.Equal(10_001, stream.Length);
    }

    [Fact]
    public void Advancing_past_the_buffer_or_using_it_after_disposal_throws()
    {
        var writer = new StreamBufferWriter(new MemoryStream(), bufferSize: 256);
        var room = writer.GetSpan().Length;
        Assert.Throws<InvalidOperationException>(() => writer.Advance(room + 1));
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.GetSpan());
    }

    [Fact]
    public void Text_stream_decodes_characters_split_between_writes()
    {
        var text = string.Concat(Enumerable.Repeat("äöü € 𝄞 ascii ", 5000)); // 2-, 3- and 4-byte sequences, over 16 KiB
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new StringWriter();
        var stream = new TextWriterUtf8Stream(output);
        for (var offset = 0; offset < bytes.Length; offset += 7) // every split point a 7-byte stride can make
        {
            stream.Write(bytes.AsSpan(offset, Math.Min(7, bytes.Length - offset)));
        }

        stream.Write(bytes, 0, 0);
        Assert.Equal(text, output.ToString());

        var whole = new StringWriter();
        new TextWriterUtf8Stream(whole).Write(bytes);
        Assert.Equal(text, whole.ToString());
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Sizes { get; } = [];

        public int Writes => Sizes.Count;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Sizes.Add(count);
            base.Write(buffer, offset, count);
        }
    }
}
