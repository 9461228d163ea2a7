namespace Drydock.Analysis.Packages.Golang;

/// <summary>Recovers a main module's version stamped with <c>-ldflags "-X pkg.version=1.2.3"</c>, for binaries built
/// outside <c>go install</c> whose main module reads <c>(devel)</c>. Follows Trivy's choice: keys ending in <c>.version</c>
/// or <c>.ver</c> with a semantic-version value; keys under MODULE/cmd/ first, then those whose last package is main, common,
/// version or cmd, then any other; two candidates in the winning group mean no version.</summary>
internal static class GoLdflagsVersion
{
    private static readonly string[] PreferredPackages = ["main", "common", "version", "cmd"];

    /// <summary>The stamped version, or null.</summary>
    public static string? Find(string modulePath, string? ldflags)
    {
        if (string.IsNullOrEmpty(ldflags))
        {
            return null;
        }

        var assignments = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = ShellWords(ldflags);
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            string? assignment = null;
            if (w is "-X" or "--X")
            {
                assignment = i + 1 < words.Count ? words[++i] : null;
            }
            else if (w.StartsWith("-X=", StringComparison.Ordinal))
            {
                assignment = w[3..];
            }
            else if (w.StartsWith("-X", StringComparison.Ordinal) && w.Length > 2 && w[2] != '-')
            {
                assignment = w[2..];
            }

            var eq = assignment?.IndexOf('=') ?? -1;
            if (assignment is not null && eq > 0)
            {
                assignments[assignment[..eq].TrimStart('\'')] = assignment[(eq + 1)..].TrimEnd('\'');
            }
        }

        var groups = new List<string>[] { [], [], [] };
        foreach (var (key, value) in assignments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var lower = key.ToLowerInvariant();
            if (!(lower.EndsWith(".version", StringComparison.Ordinal) || lower.EndsWith(".ver", StringComparison.Ordinal)) || !IsSemVer(value))
            {
                continue;
            }

            if (key.StartsWith(modulePath + "/cmd/", StringComparison.Ordinal))
            {
                groups[0].Add(value);
            }
            else if (PreferredPackages.Contains(LastPackage(key)))
            {
                groups[1].Add(value);
            }
            else
            {
                groups[2].Add(value);
            }
        }

        foreach (var g in groups)
        {
            if (g.Count > 0)
            {
                return g.Count == 1 ? g[0] : null;
            }
        }

        return null;
    }

    // "github.com/x/y/internal/version/app.ver" -> "version"... the segment after the last slash, before the first dot.
    private static string LastPackage(string key)
    {
        var slash = key.LastIndexOf('/');
        var s = slash > 0 ? key[(slash + 1)..] : key;
        var dot = s.IndexOf('.');
        return (dot >= 0 ? s[..dot] : s).ToLowerInvariant();
    }

    /// <summary>Semantic version as Go's x/mod/semver accepts it, with or without the leading v (v1 and v1.2 allowed).</summary>
    internal static bool IsSemVer(string value)
    {
        var v = value.StartsWith('v') ? value.AsSpan(1) : value.AsSpan();
        var plus = v.IndexOf('+');
        var build = plus >= 0 ? v[(plus + 1)..] : default;
        if (plus >= 0)
        {
            v = v[..plus];
        }

        var dash = v.IndexOf('-');
        var pre = dash >= 0 ? v[(dash + 1)..] : default;
        var core = dash >= 0 ? v[..dash] : v;
        var parts = 0;
        foreach (var r in core.Split('.'))
        {
            var n = core[r];
            if (++parts > 3 || n.Length == 0 || !IsDigits(n) || (n.Length > 1 && n[0] == '0'))
            {
                return false;
            }
        }

        if ((dash >= 0 || plus >= 0) && parts != 3)
        {
            return false;
        }

        return (dash < 0 || Identifiers(pre, numericNoLeadingZero: true)) && (plus < 0 || Identifiers(build, numericNoLeadingZero: false));
    }

    private static bool Identifiers(ReadOnlySpan<char> s, bool numericNoLeadingZero)
    {
        foreach (var r in s.Split('.'))
        {
            var id = s[r];
            if (id.Length == 0)
            {
                return false;
            }

            foreach (var c in id)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            if (numericNoLeadingZero && IsDigits(id) && id.Length > 1 && id[0] == '0')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Splits like a POSIX shell: whitespace separates words, single and double quotes group, backslash escapes.
    private static List<string> ShellWords(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else
            {
                current.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
