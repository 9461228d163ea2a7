namespace Drydock.Analysis.Packages.Dpkg;

/// <summary>Reads package names out of Debian relationship fields (<c>Depends</c>, <c>Pre-Depends</c>, <c>Provides</c>).</summary>
public static class DebianRelations
{
    /// <summary>Adds every package named in <paramref name="field"/> (each alternative of <c>a | b</c>) to
    /// <paramref name="names"/>, without version constraints, architecture qualifiers (<c>:any</c>) or restrictions.</summary>
    public static void AddNames(string? field, ISet<string> names)
    {
        if (string.IsNullOrEmpty(field))
        {
            return;
        }

        foreach (var relation in field.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = relation.AsSpan();
            var stop = name.IndexOfAny(" \t(:[<");
            if (stop >= 0)
            {
                name = name[..stop];
            }

            if (IsPackageName(name))
            {
                names.Add(name.ToString());
            }
        }
    }

    /// <summary>True for a plausible Debian package name: lower-case letters, digits and <c>+-.</c>, starting alphanumeric.</summary>
    public static bool IsPackageName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 256 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
