using Drydock.Sources.Archives;

namespace Drydock.Sources.OciLayout;

/// <summary>An OCI layout stored in a tar archive, served from its one-pass index.</summary>
internal sealed class ArchiveLayoutStorage(TarArchiveIndex archive) : IOciLayoutStorage
{
    public string Name => archive.Name;

    public ValueTask<OpenedLayoutFile?> OpenAsync(string relativePath, CancellationToken cancellationToken)
    {
        var member = archive.TryResolve(relativePath, "layout file");
        return ValueTask.FromResult(member is null ? null : new OpenedLayoutFile(archive.Open(member), member.Length));
    }
}
