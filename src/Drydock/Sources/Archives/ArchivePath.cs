namespace Drydock.Sources.Archives;

/// <summary>Normalises member names and link targets inside an archive, refusing anything that climbs above its root.</summary>
public static class ArchivePath
{
    /// <summary>The normalised form of <paramref name="name"/> relative to the archive root (leading slashes and
    /// <c>.</c> components dropped, <c>..</c> applied), or null when it climbs above the root.</summary>
    public static string? Normalise(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>The target of a symbolic link at <paramref name="linkPath"/>, resolved inside the archive
    /// (absolute targets start at the archive root), or null when it climbs above the root.</summary>
    public static string? ResolveSymlink(string linkPath, string target)
    {
        if (target.StartsWith('/'))
        {
            return Normalise(target);
        }

        var slash = linkPath.LastIndexOf('/');
        return Normalise(slash < 0 ? target : linkPath[..slash] + "/" + target);
    }
}
