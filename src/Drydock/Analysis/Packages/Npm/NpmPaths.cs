namespace Drydock.Analysis.Packages.Npm;

/// <summary>Which paths hold npm packages: allocation-free checks run for every tar entry.</summary>
internal static class NpmPaths
{
    private const string NodeModules = "node_modules";

    /// <summary>True for <c>…node_modules/NAME/package.json</c> and <c>…node_modules/@SCOPE/NAME/package.json</c>:
    /// the manifest of an installed package (nested, global or bundled), not the application's own.</summary>
    public static bool IsInstalledManifest(ReadOnlySpan<char> path)
    {
        if (!path.EndsWith("/package.json", StringComparison.Ordinal))
        {
            return false;
        }

        var folder = path[..^"/package.json".Length];
        var name = LastSegment(folder, out var parent);
        if (name.IsEmpty || name[0] == '.')
        {
            return false; // node_modules/.bin, node_modules/.cache, …
        }

        var parentName = LastSegment(parent, out var grandparent);
        if (parentName.SequenceEqual(NodeModules))
        {
            return name[0] != '@'; // node_modules/@scope/package.json is a scope folder, not a package
        }

        return parentName.Length > 1 && parentName[0] == '@' && LastSegment(grandparent, out _).SequenceEqual(NodeModules);
    }

    /// <summary>The lockfile kind of an application-root lockfile (outside any node_modules), or None.</summary>
    public static NpmLockfileKind LockfileKind(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? path : path[(slash + 1)..];
        var kind = name switch
        {
            "package-lock.json" or "npm-shrinkwrap.json" => NpmLockfileKind.PackageLock,
            "yarn.lock" => NpmLockfileKind.Yarn,
            "pnpm-lock.yaml" => NpmLockfileKind.Pnpm,
            _ => NpmLockfileKind.None,
        };
        if (kind == NpmLockfileKind.None)
        {
            return kind;
        }

        // A lockfile shipped inside an installed package is not what was installed.
        return path.StartsWith("node_modules/", StringComparison.Ordinal) || path.Contains("/node_modules/", StringComparison.Ordinal)
            ? NpmLockfileKind.None
            : kind;
    }

    /// <summary>Splits <c>@scope/name</c> into namespace and name; plain names have no namespace.</summary>
    public static (string? Namespace, string Name) SplitScope(string fullName)
    {
        if (fullName.Length > 1 && fullName[0] == '@')
        {
            var slash = fullName.IndexOf('/');
            if (slash > 1 && slash < fullName.Length - 1)
            {
                return (fullName[..slash], fullName[(slash + 1)..]);
            }
        }

        return (null, fullName);
    }

    /// <summary>True when <paramref name="fullName"/> is a name npm could have installed: at most 214 characters,
    /// URL-safe, one optional <c>@scope/</c>, not starting with a dot or underscore.</summary>
    public static bool IsValidName(string fullName)
    {
        if (fullName.Length is 0 or > 214)
        {
            return false;
        }

        var (scope, name) = SplitScope(fullName);
        if (scope is not null && !IsValidPart(scope.AsSpan(1)))
        {
            return false;
        }

        return IsValidPart(name) && name[0] is not ('.' or '_');
    }

    private static bool IsValidPart(ReadOnlySpan<char> part)
    {
        if (part.IsEmpty)
        {
            return false;
        }

        foreach (var c in part)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~' or '!' or '*' or '\'' or '(' or ')';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> LastSegment(ReadOnlySpan<char> path, out ReadOnlySpan<char> parent)
    {
        var slash = path.LastIndexOf('/');
        parent = slash < 0 ? [] : path[..slash];
        return slash < 0 ? path : path[(slash + 1)..];
    }
}

/// <summary>The application-root lockfile formats read.</summary>
internal enum NpmLockfileKind : byte
{
    None,
    PackageLock,
    Yarn,
    Pnpm,
}
