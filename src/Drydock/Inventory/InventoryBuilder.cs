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
        var byLayer = new Dictionary<string, List<PackageRecord>>[layers.Count];
        var sources = new HashSet<string>(StringComparer.Ordinal);
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var bySource = new Dictionary<string, List<PackageRecord>>(StringComparer.Ordinal);
            foreach (var record in layers[layer].Packages)
            {
                if (!bySource.TryGetValue(record.SourcePath, out var list))
                {
                    bySource[record.SourcePath] = list = new List<PackageRecord>(1);
                    sources.Add(record.SourcePath);
                }

                list.Add(record);
            }

            byLayer[layer] = bySource;
        }

        if (sources.Count == 0)
        {
            return PackageInventory.Empty;
        }

        var tracked = sources.ToArray();
        Array.Sort(tracked, StringComparer.Ordinal);

        // Per source file, the packages it holds now, by key, with the layer each version came in.
        var state = new Dictionary<string, Dictionary<PackageRecord, (PackageRecord Record, int Since)>>(tracked.Length, StringComparer.Ordinal);
        var removed = new List<RemovedPackage>();
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var result = layers[layer];
            var tooLarge = TooLargeToRead(result);
            var hidesAny = result.Whiteouts.Count > 0 || result.OpaqueDirectories.Count > 0;
            foreach (var path in tracked)
            {
                var provides = Provides(result, path, tooLarge);
                if (!provides && !(hidesAny && Hides(result, path)))
                {
                    continue;
                }

                var records = provides && byLayer[layer].TryGetValue(path, out var list) ? list : null;
                state.TryGetValue(path, out var before);
                Dictionary<PackageRecord, (PackageRecord, int)>? after = null;
                if (records is not null)
                {
                    after = new Dictionary<PackageRecord, (PackageRecord, int)>(records.Count, PackageIdentity.Comparer);
                    foreach (var record in records)
                    {
                        after[record] = before is not null && before.TryGetValue(record, out var kept) ? (record, kept.Since) : (record, layer);
                    }
                }

                if (before is not null)
                {
                    foreach (var (key, (record, since)) in before)
                    {
                        if (after?.ContainsKey(key) == true || records?.Exists(r => SamePackage(r, record)) == true)
                        {
                            continue; // still there, or replaced by another version of itself (an upgrade)
                        }

                        removed.Add(new RemovedPackage(record, PackageUrl.For(record, os), since, layer));
                    }
                }

                if (after is null)
                {
                    state.Remove(path);
                }
                else
                {
                    state[path] = after;
                }
            }
        }

        var evidence = LiveEvidence(merged);
        var present = new List<InventoryPackage>(state.Values.Sum(p => p.Count));
        foreach (var (path, packages) in state)
        {
            if (!merged.TryGet(path, out _))
            {
                continue;
            }

            foreach (var (record, since) in packages.Values)
            {
                var joined = evidence.Count == 0 ? record : JoinEvidence(record, evidence);
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
    private static bool Provides(LayerResult layer, string path, HashSet<string>? tooLarge)
        => IndexOfFile(layer.Files, path) >= 0 && tooLarge?.Contains(path) != true;

    // Files are sorted by path (ordinal): a binary search on the path alone.
    private static int IndexOfFile(List<FileRecord> files, string path)
    {
        int low = 0, high = files.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var c = string.CompareOrdinal(files[middle].Path, path);
            if (c == 0)
            {
                return middle;
            }

            if (c < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static HashSet<string>? TooLargeToRead(LayerResult layer)
    {
        HashSet<string>? paths = null;
        foreach (var warning in layer.Warnings)
        {
            if (warning.Code == "file-too-large" && warning.Path is { } path)
            {
                (paths ??= new HashSet<string>(StringComparer.Ordinal)).Add(path);
            }
        }

        return paths;
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
        if (!present.Exists(IsFromLockfile))
        {
            return;
        }

        var installedRoots = present
            .Where(p => p.Record.Metadata.GetValueOrDefault("origin") != "lockfile" && p.Record.SourcePath.Contains("node_modules/", StringComparison.Ordinal))
            .Select(p => p.Record.SourcePath[..p.Record.SourcePath.IndexOf("node_modules/", StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);
        present.RemoveAll(p => IsFromLockfile(p)
            && installedRoots.Contains(Drydock.Layers.EntryPath.Parent(p.Record.SourcePath) is { Length: > 0 } dir ? dir + "/" : string.Empty));
    }

    private static bool IsFromLockfile(InventoryPackage package) => package.Record.Metadata.GetValueOrDefault("origin") == "lockfile";

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
}
