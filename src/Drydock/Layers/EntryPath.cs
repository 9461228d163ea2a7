namespace Drydock.Layers;

/// <summary>Normalises archive paths to image-root-relative form and rejects those that escape the root.</summary>
public static class EntryPath
{
    /// <summary>Normalises <paramref name="name"/>; returns null when it climbs above the root with <c>..</c>.
    /// An absolute path is taken as relative to the image root. The root itself normalises to "".</summary>
    public static string? Normalise(string name)
    {
        if (name.Length == 0)
        {
            return string.Empty;
        }

        // Fast path: already clean (no leading ./ or /, no // . or .. components, no trailing slash).
        if (IsClean(name))
        {
            return name;
        }

        // Next fastest, and what most tars hold: clean but for leading "./" or "/" and a trailing "/" (one copy, no split).
        var core = name.AsSpan();
        while (core.StartsWith("./") || core.StartsWith('/'))
        {
            core = core[(core[0] == '/' ? 1 : 2)..];
        }

        core = core.TrimEnd('/');
        if (!core.IsEmpty && IsClean(core))
        {
            return core.ToString();
        }

        var parts = new List<string>();
        foreach (var part in name.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                default:
                    parts.Add(part);
                    continue;
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The parent directory of a normalised path ("" for top-level entries).</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>Joins a directory and a relative symlink target, normalising; null when it escapes the root.</summary>
    public static string? ResolveLink(string linkPath, string target)
        => target.StartsWith('/') ? Normalise(target) : Normalise(Parent(linkPath) + "/" + target);

    private static bool IsClean(ReadOnlySpan<char> name)
    {
        if (name[0] == '/' || name[^1] == '/')
        {
            return false;
        }

        var start = 0;
        while (start <= name.Length)
        {
            var end = name[start..].IndexOf('/');
            end = end < 0 ? name.Length : start + end;

            var len = end - start;
            if (len == 0 || (len == 1 && name[start] == '.') || (len == 2 && name[start] == '.' && name[start + 1] == '.'))
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }
}
