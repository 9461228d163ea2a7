namespace Drydock.Analysis.Packages.Java;

/// <summary>Artifact id and version from an archive's file name (<c>spring-core-5.3.4-SNAPSHOT.jar</c> → spring-core,
/// 5.3.4-SNAPSHOT), by the rule Trivy applies: the name ends in "jar" after one more character, and splits at the last
/// "-" followed by a digit whose left part is letters, digits, '.', '_' or '-' (not ending in '-' or '*') and whose right
/// part holds no white space.</summary>
internal static class JarFileName
{
    private const int MaxNameLength = 512;

    /// <summary>The artifact id and version, or null when the name does not follow the pattern.</summary>
    public static (string ArtifactId, string Version)? Parse(ReadOnlySpan<char> fileName)
    {
        if (fileName.Length < 7 || fileName.Length > MaxNameLength || !fileName.EndsWith("jar", StringComparison.Ordinal))
        {
            return null;
        }

        var stem = fileName[..^4];
        for (var i = stem.Length - 2; i >= 1; i--)
        {
            if (stem[i] != '-' || !char.IsAsciiDigit(stem[i + 1]) || stem[i - 1] is '-' or '*' || HasWhiteSpace(stem[(i + 1)..]) || !IsArtifactChars(stem[..(i - 1)]))
            {
                continue;
            }

            return (stem[..i].ToString(), stem[(i + 1)..].ToString());
        }

        return null;
    }

    private static bool IsArtifactChars(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasWhiteSpace(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
