using Drydock.Analysis;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;
using Drydock.Merge;

namespace Drydock.Inventory;

/// <summary>Decides which packages the image holds, which layer introduced each, and which were removed on the way,
/// by replaying every package source file (a database, a manifest, an archive) through the layers in order.</summary>
public static class InventoryBuilder
{
    /// <summary>Builds the inventory of <paramref name="merged"/>.</summary>
    public static PackageInventory Build(MergedImage merged, OsInfo? os)
    {
        var layers = merged.Layers;
        var byLayer = layers.Select(l => l.Packages.GroupBy(p => p.SourcePath).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal)).ToList();
        var tracked = byLayer.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (tracked.Count == 0)
        {
            return PackageInventory.Empty;
        }

        var state = new Dictionary<string, Dictionary<string, (PackageRecord Record, int Since)>>(StringComparer.Ordinal);
        var removed = new List<RemovedPackage>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var result = layers[layer];
            foreach (var path in tracked)
            {
                var provides = Provides(result, path);
                if (!provides && !Hides(result, path))
                {
                    continue;
                }

                var records = provides && byLayer[layer].TryGetValue(path, out var list) ? list : [];
                var before = state.GetValueOrDefault(path) ?? [];
                var after = new Dictionary<string, (PackageRecord, int)>(StringComparer.Ordinal);
                foreach (var record in records)
                {
                    after[record.Key] = before.TryGetValue(record.Key, out var kept) ? (record, kept.Since) : (record, layer);
                }

                foreach (var (key, (record, since)) in before)
                {
                    if (after.ContainsKey(key) || records.Any(r => SamePackage(r, record)))
                    {
                        continue; // still there, or replaced by another version of itself (an upgrade)
                    }

                    removed.Add(new RemovedPackage(record, PackageUrl.For(record, os), since, layer));
                }

                state[path] = after;
            }
        }

        var evidence = LiveEvidence(merged);
        var present = new List<InventoryPackage>();
        foreach (var (path, packages) in state)
        {
            if (!merged.TryGet(path, out _))
            {
                continue;
            }

            foreach (var (record, since) in packages.Values)
            {
                var joined = JoinEvidence(record, evidence);
                present.Add(new InventoryPackage(joined, PackageUrl.For(joined, os), since));
            }
        }

        DropLockfilesShadowedByInstalledTrees(present);
        present.Sort((a, b) => Compare(a.Record, b.Record));
        removed.Sort((a, b) => Compare(a.Record, b.Record));
        return new PackageInventory(present, removed);
    }

    private static bool SamePackage(PackageRecord a, PackageRecord b)
        => a.Type == b.Type && a.Namespace == b.Namespace && a.Name == b.Name && a.Arch == b.Arch && a.InnerPath == b.InnerPath;

    // The layer holds the file itself, and its analyzers read it (a file skipped for size says nothing).
    private static bool Provides(LayerResult layer, string path)
    {
        var index = layer.Files.BinarySearch(new FileRecord(path, Layers.EntryKind.File, 0, 0, 0, 0, null, ExecutableFormat.None), FilePathComparer.Instance);
        return index >= 0 && !layer.Warnings.Any(w => w.Code == "file-too-large" && w.Path == path);
    }

    private static bool Hides(LayerResult layer, string path)
    {
        if (layer.Whiteouts.BinarySearch(path, StringComparer.Ordinal) >= 0)
        {
            return true;
        }

        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            var ancestor = path[..slash];
            if (layer.Whiteouts.BinarySearch(ancestor, StringComparer.Ordinal) >= 0 || layer.OpaqueDirectories.BinarySearch(ancestor, StringComparer.Ordinal) >= 0)
            {
                return true;
            }
        }

        return layer.OpaqueDirectories.BinarySearch(string.Empty, StringComparer.Ordinal) >= 0;
    }

    private static ILookup<(string Type, string Name), PackageEvidence> LiveEvidence(MergedImage merged)
        => merged.Layers
            .SelectMany((layer, index) => layer.PackageEvidence.Where(e => merged.TryGet(e.SourcePath, out var f) && f.Layer == index))
            .ToLookup(e => (e.Type, e.Name));

    private static PackageRecord JoinEvidence(PackageRecord record, ILookup<(string Type, string Name), PackageEvidence> evidence)
    {
        var facts = evidence[(record.Type, record.Name)];
        if (record.Arch is { Length: > 0 } arch)
        {
            facts = facts.Concat(evidence[(record.Type, record.Name + ":" + arch)]);
        }

        var list = facts.ToList();
        if (list.Count == 0)
        {
            return record;
        }

        var files = list.Where(e => e.Kind == PackageEvidence.Files).SelectMany(e => e.Values);
        var licenses = list.Where(e => e.Kind == PackageEvidence.Licenses).SelectMany(e => e.Values);
        return record with
        {
            InstalledFiles = [.. record.InstalledFiles.Concat(files).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Licenses = [.. record.Licenses.Concat(licenses).Distinct(StringComparer.Ordinal)],
        };
    }

    // A lockfile describes what would be installed; when the installed node_modules tree is there, it is the truth.
    private static void DropLockfilesShadowedByInstalledTrees(List<InventoryPackage> present)
    {
        var installedRoots = present
            .Where(p => p.Record.Metadata.GetValueOrDefault("origin") != "lockfile" && p.Record.SourcePath.Contains("node_modules/", StringComparison.Ordinal))
            .Select(p => p.Record.SourcePath[..p.Record.SourcePath.IndexOf("node_modules/", StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        present.RemoveAll(p => p.Record.Metadata.GetValueOrDefault("origin") == "lockfile"
            && installedRoots.Contains(Drydock.Layers.EntryPath.Parent(p.Record.SourcePath) is { Length: > 0 } dir ? dir + "/" : string.Empty));
    }

    private static int Compare(PackageRecord a, PackageRecord b)
    {
        var c = string.CompareOrdinal(a.Type, b.Type);
        c = c != 0 ? c : string.CompareOrdinal(a.Namespace, b.Namespace);
        c = c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        c = c != 0 ? c : string.CompareOrdinal(a.Version, b.Version);
        c = c != 0 ? c : string.CompareOrdinal(a.Arch, b.Arch);
        c = c != 0 ? c : string.CompareOrdinal(a.SourcePath, b.SourcePath);
        return c != 0 ? c : string.CompareOrdinal(a.InnerPath, b.InnerPath);
    }

    private sealed class FilePathComparer : IComparer<FileRecord>
    {
        public static readonly FilePathComparer Instance = new();

        public int Compare(FileRecord? x, FileRecord? y) => string.CompareOrdinal(x?.Path, y?.Path);
    }
}
