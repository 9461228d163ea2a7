using Drydock.Layers;

namespace Drydock.Detection.Misconfigurations;

/// <summary>Package manager caches and indexes left in the image: size for nothing, and stale metadata.</summary>
public sealed class PackageCacheCheck : ImageCheck
{
    // Where each package manager keeps its cache; "home/*/" stands for every home directory.
    private static readonly (string Name, string Prefix, string[] Ignored)[] Caches =
    [
        ("apt package lists", "var/lib/apt/lists/", ["lock"]),
        ("apt package cache", "var/cache/apt/", ["archives/lock"]),
        ("apk cache", "var/cache/apk/", []),
        ("yum cache", "var/cache/yum/", []),
        ("dnf cache", "var/cache/dnf/", []),
        ("npm cache", "root/.npm/", []),
        ("npm cache", "home/*/.npm/", []),
        ("pip cache", "root/.cache/pip/", []),
        ("pip cache", "home/*/.cache/pip/", []),
    ];

    public override string Id => "package-cache";
    public override string Severity => "low";
    public override string Title => "Package manager caches left in the image";
    public override string Fix => "Clean up in the same RUN step: rm -rf /var/lib/apt/lists/* after apt-get install, apk add --no-cache, dnf clean all, npm cache clean --force, pip install --no-cache-dir";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var totals = new SortedDictionary<string, (string Name, int Files, long Bytes)>(StringComparer.Ordinal);
        foreach (var (path, file) in input.Image.Merged.Files)
        {
            if (file.Record.Kind != EntryKind.File)
            {
                continue;
            }

            foreach (var (name, prefix, ignored) in Caches)
            {
                if (Under(path, prefix) is { } root && !ignored.Contains(path[root.Length..], StringComparer.Ordinal))
                {
                    var t = totals.GetValueOrDefault(root, (name, 0, 0));
                    totals[root] = (name, t.Files + 1, t.Bytes + file.Record.Size);
                    break;
                }
            }
        }

        return totals.Count > 0
            ? [.. totals.Select(t => $"/{t.Key.TrimEnd('/')} ({t.Value.Name}): {t.Value.Files} files, {t.Value.Bytes} bytes")]
            : null;
    }

    // The concrete cache directory when path is under prefix (home/*/ matching one home directory), else null.
    private static string? Under(string path, string prefix)
    {
        var star = prefix.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return path.StartsWith(prefix, StringComparison.Ordinal) ? prefix : null;
        }

        if (!path.StartsWith(prefix[..star], StringComparison.Ordinal))
        {
            return null;
        }

        var slash = path.IndexOf('/', star);
        if (slash < 0)
        {
            return null;
        }

        var root = path[..(slash + 1)] + prefix[(star + 2)..];
        return path.StartsWith(root, StringComparison.Ordinal) ? root : null;
    }
}
