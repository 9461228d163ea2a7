using System.Text;

namespace Drydock.Analysis.Packages.Npm;

/// <summary>Reads pnpm-lock.yaml (lockfile v5, v6 and v9) line by line: the keys of <c>packages:</c> give name and
/// version (<c>/name/1.0.0_peer</c>, <c>/name@1.0.0(peer)</c>, <c>name@1.0.0</c>), a <c>version:</c> field overrides
/// it for tarball and git entries, and <c>dependencies:</c> under <c>packages:</c> or v9's <c>snapshots:</c> gives the
/// dependency names. pnpm writes this file itself in one fixed block style, so no general YAML reader is needed
/// (and none of YAML's aliases or unbounded nesting is followed).</summary>
internal static class PnpmLockParser
{
    private enum Section
    {
        Other,
        Packages,
        Snapshots,
    }

    private sealed class Entry
    {
        public string? KeyName;
        public string? KeyVersion;
        public string? Name;
        public string? Version;
        public bool Dev;
        public string? Integrity;
        public string? Tarball;
        public readonly SortedSet<string> Dependencies = new(StringComparer.Ordinal);
    }

    public static List<LockedPackage> Parse(ReadOnlySpan<byte> content)
    {
        var text = Encoding.UTF8.GetString(content);
        var lockfileMajor = 0;
        var section = Section.Other;
        var packages = new List<Entry>();
        var snapshotDeps = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        Entry? current = null;
        SortedSet<string>? currentSnapshot = null;
        var inDependencies = false;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimEnd();
            var trimmed = line.TrimStart(' ');
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            var indent = line.Length - trimmed.Length;
            if (indent == 0 && trimmed.SequenceEqual("---"))
            {
                // pnpm 10+ writes its own environment lockfile as a first YAML document; the project's is the last.
                packages.Clear();
                snapshotDeps.Clear();
                lockfileMajor = 0;
            }

            if (indent == 0)
            {
                current = null;
                currentSnapshot = null;
                section = trimmed switch
                {
                    "packages:" => Section.Packages,
                    "snapshots:" => Section.Snapshots,
                    _ => Section.Other,
                };
                if (trimmed.StartsWith("lockfileVersion:"))
                {
                    lockfileMajor = Major(Unquote(trimmed["lockfileVersion:".Length..].Trim()));
                }

                continue;
            }

            if (section == Section.Other)
            {
                continue;
            }

            var (key, value) = Field(trimmed);
            if (indent == 2)
            {
                inDependencies = false;
                var (name, version) = ParseKey(key, lockfileMajor);
                if (section == Section.Packages)
                {
                    current = new Entry { KeyName = name, KeyVersion = version };
                    packages.Add(current);
                }
                else if (name is not null && version is not null)
                {
                    var id = name + "@" + version;
                    if (!snapshotDeps.TryGetValue(id, out currentSnapshot))
                    {
                        snapshotDeps[id] = currentSnapshot = new SortedSet<string>(StringComparer.Ordinal);
                    }
                }
                else
                {
                    currentSnapshot = null;
                }

                continue;
            }

            if (indent == 4)
            {
                inDependencies = key is "dependencies" or "optionalDependencies";
                if (current is null || section != Section.Packages)
                {
                    continue;
                }

                switch (key)
                {
                    case "name":
                        current.Name = value;
                        break;
                    case "version":
                        current.Version = value;
                        break;
                    case "dev":
                        current.Dev = value == "true";
                        break;
                    case "resolution":
                        current.Integrity = FlowValue(value, "integrity");
                        current.Tarball = FlowValue(value, "tarball");
                        break;
                }

                continue;
            }

            if (indent == 6 && inDependencies && key.Length > 0)
            {
                var into = section == Section.Packages ? current?.Dependencies : currentSnapshot;
                if (into is { Count: < NpmManifest.MaxDependencies })
                {
                    into.Add(key);
                }
            }
        }

        var found = new Dictionary<string, LockedPackage>(StringComparer.Ordinal);
        foreach (var entry in packages)
        {
            var name = entry.Name ?? entry.KeyName;
            var version = entry.Version ?? (IsVersion(entry.KeyVersion) ? entry.KeyVersion : null);
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            {
                continue;
            }

            var id = name + "@" + version;
            var dependencies = new SortedSet<string>(entry.Dependencies, StringComparer.Ordinal);
            if (entry.KeyName is not null && entry.KeyVersion is not null && snapshotDeps.TryGetValue(entry.KeyName + "@" + entry.KeyVersion, out var fromSnapshot))
            {
                dependencies.UnionWith(fromSnapshot);
            }

            if (found.TryGetValue(id, out var seen))
            {
                dependencies.UnionWith(seen.DependsOn);
            }

            found[id] = new LockedPackage(name, version, entry.Dev && seen?.Dev != false, entry.Integrity, entry.Tarball, [.. dependencies]);
        }

        return [.. found.Values];
    }

    // Returns (name, version without peer suffix); version may be a URL or file: spec for non-registry entries.
    private static (string? Name, string? Version) ParseKey(string key, int lockfileMajor)
    {
        if (key.Length == 0)
        {
            return (null, null);
        }

        if (lockfileMajor is > 0 and < 6)
        {
            if (!key.StartsWith('/'))
            {
                return (null, null); // a tarball or git key: the entry's name: and version: fields tell
            }

            var slash = key.LastIndexOf('/');
            if (slash <= 1)
            {
                return (null, null);
            }

            var version = key[(slash + 1)..];
            var underscore = version.IndexOf('_');
            return (key[1..slash], underscore > 0 ? version[..underscore] : version);
        }

        var start = key.StartsWith('/') ? 1 : 0;
        var at = key.IndexOf('@', start + 1);
        if (at < 0)
        {
            return (null, null);
        }

        var versionPart = key[(at + 1)..];
        var paren = versionPart.IndexOf('(');
        return (key[start..at], paren >= 0 ? versionPart[..paren] : versionPart);
    }

    private static bool IsVersion(string? version)
        => !string.IsNullOrEmpty(version) && char.IsAsciiDigit(version[0]) && !version.Contains(':') && !version.Contains('/');

    private static int Major(ReadOnlySpan<char> version)
    {
        var dot = version.IndexOf('.');
        return int.TryParse(dot < 0 ? version : version[..dot], out var major) ? major : 0;
    }

    // "{integrity: sha512-…, tarball: https://…}" → the value of one member.
    private static string? FlowValue(string flow, string member)
    {
        var at = flow.IndexOf(member + ":", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = flow.AsSpan(at + member.Length + 1).Trim();
        var end = rest.IndexOfAny(',', '}');
        var value = Unquote((end < 0 ? rest : rest[..end]).Trim());
        return value.IsEmpty ? null : value.ToString();
    }

    // "'@a/b@1.0.0':" → ("@a/b@1.0.0", ""); "version: 1.0.0" → ("version", "1.0.0"); "ms: 2.1.2" → ("ms", "2.1.2").
    private static (string Key, string Value) Field(ReadOnlySpan<char> line)
    {
        int split;
        if (line[0] is '\'' or '"')
        {
            var close = line[1..].IndexOf(line[0]);
            split = close < 0 ? line.Length : close + 2;
        }
        else
        {
            split = line.IndexOf(": ");
            if (split < 0)
            {
                split = line.EndsWith(':') ? line.Length - 1 : line.Length;
            }
        }

        var key = Unquote(line[..split].Trim());
        var value = line[split..].TrimStart(':').Trim();
        value = Unquote(value);
        if (value.SequenceEqual("{}"))
        {
            value = [];
        }

        return (Cut(key), Cut(value));
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> s)
        => s.Length >= 2 && (s[0] == '"' || s[0] == '\'') && s[^1] == s[0] ? s[1..^1] : s;

    private static string Cut(ReadOnlySpan<char> s) => (s.Length > LanguageJson.MaxValueLength ? s[..LanguageJson.MaxValueLength] : s).ToString();
}
