namespace Drydock.Sandbox.Tracing;

/// <summary>Lexical path arithmetic for traced paths (the traced file system is not ours to look at).</summary>
internal static class TracePaths
{
    /// <summary>The absolute form of <paramref name="path"/>, or the path as given when its base is unknown.</summary>
    public static string? Resolve(TracePath path, string? cwd)
    {
        if (path.Value is not { } value)
        {
            return path.DirFd is null && path.DirPath is { } own ? Normalize(own) : null;
        }

        if (value.StartsWith('/'))
        {
            return Normalize(value);
        }

        var baseDir = path.DirFd is null ? cwd : path.DirPath;
        return baseDir is not null && baseDir.StartsWith('/') ? Normalize(baseDir + "/" + value) : value;
    }

    /// <summary>Removes <c>.</c>, <c>..</c> and repeated slashes; never climbs above <c>/</c>.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The last component.</summary>
    public static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
