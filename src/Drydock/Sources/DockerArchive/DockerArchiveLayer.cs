using Drydock.References;
using Drydock.Sources.Archives;

namespace Drydock.Sources.DockerArchive;

/// <summary>A layer stored as a member of a <c>docker save</c> archive.</summary>
internal sealed class DockerArchiveLayer(int index, Digest? digest, Digest diffId, string mediaType, TarArchiveMember member, TarArchiveIndex archive) : ILayer
{
    public int Index { get; } = index;
    public Digest? Digest { get; } = digest;
    public Digest? DiffId { get; } = diffId;
    public long Size => member.Length;
    public string MediaType { get; } = mediaType;

    public ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var data = archive.Open(member);
        // Without a digest (a compressed member under a name that does not carry one) the diff-ID check of the
        // layer reader is the only verification; with one, the stored bytes are verified here.
        Stream stream = Digest is { } d ? new VerifyingStream(data, d, member.Length, $"{archive.Name}: layer {Index} ({member.Name})") : data;
        return ValueTask.FromResult(stream);
    }
}
