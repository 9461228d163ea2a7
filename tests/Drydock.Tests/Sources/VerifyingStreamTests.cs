using System.Text;
using Drydock.References;
using Drydock.Sources;

namespace Drydock.Tests.Sources;

/// <summary>Verification at end of stream.</summary>
public sealed class VerifyingStreamTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("some blob content");

    [Fact]
    public async Task Zero_length_reads_do_not_end_the_stream()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Data), Digest.Sha256Of(Data), Data.Length, "blob");
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(0, stream.Read([], 0, 0));
        await stream.CopyToAsync(Stream.Null);
        Assert.Equal(Data.Length, stream.BytesRead);
    }

    [Fact]
    public async Task Wrong_content_fails_at_the_end()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Data), Digest.Sha256Of("other"u8), Data.Length, "blob");
        await Assert.ThrowsAsync<DigestMismatchException>(() => stream.CopyToAsync(Stream.Null));
    }
}
