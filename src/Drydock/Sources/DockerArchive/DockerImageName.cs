using Drydock.References;

namespace Drydock.Sources.DockerArchive;

/// <summary>Normalises image names as Docker does (<c>busybox</c> is <c>docker.io/library/busybox:latest</c>),
/// so a selector matches a RepoTag however either is spelled.</summary>
internal static class DockerImageName
{
    /// <summary>The normalised name, or null when <paramref name="name"/> is not a valid image name.</summary>
    public static string? Normalise(string name)
    {
        try
        {
            var parsed = RegistryReference.Parse(name);
            return parsed.Digest is null ? $"{parsed.Registry}/{parsed.Repository}:{parsed.Tag ?? "latest"}" : null;
        }
        catch (ReferenceParseException)
        {
            return null;
        }
    }
}
