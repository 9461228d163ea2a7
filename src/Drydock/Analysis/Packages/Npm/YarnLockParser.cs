using System.Text;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>Reads yarn.lock, classic (v1: <c>version "1.2.3"</c>) and berry (v2+: YAML, <c>version: 1.2.3</c>), line by line.
/// Entries resolved from the registry are kept; workspace, file, link, portal, patch, git and unknown protocols are not
/// installed registry packages and are left out.</summary>
internal static class YarnLockParser
{
    public static List<LockedPackage> Parse(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        var found = new List<LockedPackage>();
        string? name = null;
        string? version = null, integrity = null, resolved = null;
        var dependencies = new List<string>();
        var inDependencies = false;

        void Flush()
        {
            if (name is not null && !string.IsNullOrEmpty(version))
            {
                found.Add(new LockedPackage(name, version, false, integrity, resolved, [.. dependencies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
            }

            name = version = integrity = resolved = null;
            dependencies.Clear();
            inDependencies = false;
        }

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimEnd();
            if (line.IsEmpty || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent == 0)
            {
                Flush();
                if (line.EndsWith(':'))
                {
                    name = NameOfHeader(line[..^1]);
                }

                continue;
            }

            if (name is null)
            {
                continue;
            }

            var (key, value) = Field(line.Trim());
            if (indent <= 2)
            {
                inDependencies = key is "dependencies" or "optionalDependencies";
                switch (key)
                {
                    case "version":
                        version = value;
                        break;
                    case "integrity" or "checksum":
                        integrity = value;
                        break;
                    case "resolved" or "resolution":
                        resolved = value;
                        break;
                }
            }
            else if (inDependencies && key.Length > 0 && dependencies.Count < NpmManifest.MaxDependencies)
            {
                dependencies.Add(key);
            }
        }

        Flush();
        return found;
    }

    // "\"@a/b@^1\", \"@a/b@^1.2\"" → "@a/b" when the first descriptor's protocol is the registry's; else null.
    private static string? NameOfHeader(ReadOnlySpan<char> header)
    {
        var comma = header.IndexOf(',');
        var first = (comma < 0 ? header : header[..comma]).Trim().Trim('"');
        if (first.SequenceEqual("__metadata"))
        {
            return null;
        }

        var at = first.Length > 1 ? first[1..].IndexOf('@') + 1 : 0;
        if (at <= 0 || at == first.Length - 1)
        {
            return null;
        }

        var range = first[(at + 1)..];
        var colon = range.IndexOf(':');
        if (colon >= 0 && !range[..colon].SequenceEqual("npm"))
        {
            return null; // workspace:, file:, link:, portal:, patch:, git+…, https:, or an unknown protocol
        }

        var name = first[..at];
        return name.Length <= LanguageJson.MaxValueLength ? name.ToString() : null;
    }

    // "version \"1.2\"", "\"version\" \"1.2\"", "version: 1.2", "ms: npm:2.1.2" → (key, value).
    private static (string Key, string Value) Field(ReadOnlySpan<char> line)
    {
        int split;
        if (line.StartsWith('"'))
        {
            var close = line[1..].IndexOf('"');
            split = close < 0 ? line.Length : close + 2;
        }
        else
        {
            split = line.IndexOfAny(' ', ':');
            if (split < 0)
            {
                split = line.Length;
            }
        }

        var key = Unquote(line[..split].TrimEnd(':'));
        var rest = line[split..].TrimStart(':').Trim();
        var value = Unquote(rest);
        return (Cut(key), Cut(value));
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> s)
        => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0] ? s[1..^1] : s;

    private static string Cut(ReadOnlySpan<char> s) => (s.Length > LanguageJson.MaxValueLength ? s[..LanguageJson.MaxValueLength] : s).ToString();
}
