using System.Diagnostics.CodeAnalysis;
using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Merge;

/// <summary>The image filesystem after applying every layer in order, plus the files later layers deleted.</summary>
public sealed class MergedImage
{
    /// <summary>Most symlinks followed while resolving one path (as Linux's MAXSYMLINKS).</summary>
    public const int MaxSymlinkHops = 40;

    private readonly Dictionary<string, MergedFile> _files;
    private readonly Dictionary<string, DeletedFile> _deletedByPath;

    internal MergedImage(IReadOnlyList<LayerResult> layers, Dictionary<string, MergedFile> files, List<DeletedFile> deleted)
    {
        Layers = layers;
        _files = files;
        Deleted = deleted;
        _deletedByPath = new Dictionary<string, DeletedFile>(StringComparer.Ordinal);
        foreach (var d in deleted)
        {
            _deletedByPath.TryAdd(d.Record.Path, d);
        }
    }

    /// <summary>The per-layer results, lowest layer first.</summary>
    public IReadOnlyList<LayerResult> Layers { get; }

    /// <summary>Every path present in the final filesystem.</summary>
    public IReadOnlyDictionary<string, MergedFile> Files => _files;

    /// <summary>Files deleted by a later layer, sorted by path.</summary>
    public IReadOnlyList<DeletedFile> Deleted { get; }

    /// <summary>The entry at exactly <paramref name="path"/> (no symlink resolution).</summary>
    public bool TryGet(string path, out MergedFile file) => _files.TryGetValue(path, out file);

    /// <summary>The deleted history entry at exactly <paramref name="path"/>, when one exists.</summary>
    public bool TryGetDeleted(string path, out DeletedFile file) => _deletedByPath.TryGetValue(path, out file);

    /// <summary>Resolves symlinks in every component of <paramref name="path"/>, inside the image root only
    /// (a target above the root stays at the root, as the kernel does in a chroot). Returns false for a missing
    /// path or a symlink loop (<paramref name="loop"/> then true).</summary>
    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolved, out bool loop)
    {
        resolved = null;
        loop = false;
        var pending = new Stack<string>(Split(path).Reverse());
        var current = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (current.Count > 0)
                {
                    current.RemoveAt(current.Count - 1);
                }

                continue;
            }

            current.Add(part);
            var candidate = string.Join('/', current);
            if (!_files.TryGetValue(candidate, out var file))
            {
                // Archives may omit parent directories: a missing component is an implicit directory,
                // unless it is the last one.
                if (pending.Count == 0)
                {
                    return false;
                }

                continue;
            }

            var kind = file.Record.Kind;
            if (kind == EntryKind.HardLink && file.Record.LinkTarget is { } hardTarget)
            {
                // A hard link shares its target's content; address it by the target.
                if (!_files.ContainsKey(hardTarget))
                {
                    return false;
                }

                current = [.. Split(hardTarget)];
                continue;
            }

            if (kind != EntryKind.Symlink || file.Record.LinkTarget is null)
            {
                continue;
            }

            if (++hops > MaxSymlinkHops)
            {
                loop = true;
                return false;
            }

            current.RemoveAt(current.Count - 1);
            var target = file.Record.LinkTarget;
            if (target.StartsWith('/'))
            {
                current.Clear();
            }

            foreach (var p in Split(target).Reverse())
            {
                pending.Push(p);
            }
        }

        resolved = string.Join('/', current);
        return true;
    }

    private static IEnumerable<string> Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
