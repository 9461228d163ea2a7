using System.Formats.Tar;
using Drydock.Layers;
using static Drydock.Tests.Layers.LayerTars;

namespace Drydock.Tests.Layers;

public sealed class LayerReaderCancellationTests
{
    [Fact]
    public async Task A_blob_that_stalls_is_abandoned_when_cancelled()
    {
        var tar = Tar(TarEntryFormat.Pax, ("a", TarEntryType.RegularFile, "first"), ("b", TarEntryType.RegularFile, "second"));
        var blob = new StallingStream(tar[..1536]); // the first entry, then nothing ever arrives
        using var cts = new CancellationTokenSource();
        var reader = new LayerReader(blob, TarMediaType, null, InputLimits.Default, "test-layer");
        var read = Task.Run(async () =>
        {
            await foreach (var _ in reader.ReadAsync(cts.Token))
            {
            }
        });

        await blob.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task An_already_cancelled_token_reads_nothing()
    {
        var reader = Reader(Tar(TarEntryFormat.Pax, ("a", TarEntryType.RegularFile, "x")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(reader, new CancellationToken(canceled: true)));

        Assert.Equal(0, reader.EntriesRead);
    }

    /// <summary>Serves its bytes, then blocks every read until the caller's token is cancelled.</summary>
    private sealed class StallingStream(byte[] head) : Stream
    {
        private int _position;

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < head.Length)
            {
                var n = Math.Min(buffer.Length, head.Length - _position);
                head.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            Stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
