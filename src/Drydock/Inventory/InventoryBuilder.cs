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

        // Per source file, the packages it holds now with the layer each version came in; most files are read in one layer
        // only (an npm package.json), so the state is an array and a dictionary is built only when a later layer reads the file again.
        var state = new Dictionary<string, (PackageRecord Record, int Since)[]>(tracked.Length, StringComparer.Ordinal);
        var removed = new List<RemovedPackage>();
        var provided = new bool[tracked.Length];
        for (var layer = 0; layer < layers.Count; layer++)
        {
            var result = layers[layer];
            MarkProvided(result, tracked, provided);
            var hidesAny = result.Whiteouts.Count > 0 || result.OpaqueDirectories.Count > 0;
            for (var index = 0; index < tracked.Length; index++)
            {
                var path = tracked[index];
                var provides = provided[index];
                if (!provides && !(hidesAny && Hides(result, path)))
                {
                    continue;
                }

                var records = provides && byLayer[layer].TryGetValue(path, out var list) ? list : null;
                state.TryGetValue(path, out var before);
                (PackageRecord Record, int Since)[]? after = null;
                if (records is not null)
                {
                    var kept = before is { Length: > 0 } ? ByIdentity(before) : null;
                    after = new (PackageRecord, int)[records.Count];
                    for (var i = 0; i < records.Count; i++)
                    {
                        var record = records[i];
                        after[i] = kept is not null && kept.TryGetValue(record, out var since) ? (record, since) : (record, layer);
                    }
                }

                if (before is not null)
                {
                    var stays = records is null ? null : new HashSet<PackageRecord>(records, PackageIdentity.Comparer);
                    foreach (var (record, since) in before)
                    {
                        if (stays?.Contains(record) == true || records?.Exists(r => SamePackage(r, record)) == true)
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
        var present = new List<InventoryPackage>(state.Values.Sum(p => p.Length));
        foreach (var (path, packages) in state)
        {
            if (!merged.TryGet(path, out _))
            {
                continue;
            }

            foreach (var (record, since) in packages)
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

    // Which tracked paths (sorted) the layer provides: it holds the file itself, and its analyzers read it (a file skipped
    // for size says nothing). Both lists are sorted by path (ordinal), so one merge walk answers for all of them.
    private static void MarkProvided(LayerResult layer, string[] tracked, bool[] provided)
    {
        var tooLarge = TooLargeToRead(layer);
        var files = layer.Files;
        var f = 0;
        for (var t = 0; t < tracked.Length; t++)
        {
            var c = -1;
            while (f < files.Count && (c = string.CompareOrdinal(files[f].Path, tracked[t])) < 0)
            {
                f++;
            }

            provided[t] = f < files.Count && c == 0 && tooLarge?.Contains(tracked[t]) != true;
        }
    }

    private static Dictionary<PackageRecord, int> ByIdentity((PackageRecord Record, int Since)[] packages)
    {
        var byIdentity = new Dictionary<PackageRecord, int>(packages.Length, PackageIdentity.Comparer);
        foreach (var (record, since) in packages)
        {
            byIdentity[record] = since;
        }

        return byIdentity;
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
