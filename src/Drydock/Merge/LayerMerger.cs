using Drydock.Analysis;
using Drydock.Layers;

namespace Drydock.Merge;

/// <summary>Applies layers in order to build the merged filesystem: whiteouts, opaque directories and
/// directories replaced by files are applied here, at merge time, never by unpacking.</summary>
public static class LayerMerger
{
    /// <summary>Merges <paramref name="layers"/> (lowest first).</summary>
    public static MergedImage Merge(IReadOnlyList<LayerResult> layers)
    {
        // Walk newest first (as go-containerregistry's mutate.Extract): a path is present if no higher layer
        // provided it, deleted it, made an ancestor opaque, or replaced an ancestor with a non-directory.
        var present = new Dictionary<string, MergedFile>(layers.Sum(l => l.Files.Count), StringComparer.Ordinal);
        var deleted = new List<DeletedFile>();
        var whiteouts = new Dictionary<string, int>(StringComparer.Ordinal);
        var opaque = new Dictionary<string, int>(StringComparer.Ordinal);
        var presentLookup = present.GetAlternateLookup<ReadOnlySpan<char>>();
        var whiteoutLookup = whiteouts.GetAlternateLookup<ReadOnlySpan<char>>();
        var opaqueLookup = opaque.GetAlternateLookup<ReadOnlySpan<char>>();

        for (var layer = layers.Count - 1; layer >= 0; layer--)
        {
            var result = layers[layer];
            var added = new List<MergedFile>(result.Files.Count);
            // Nothing above this layer (the top one) can hide or overwrite its files: no look-ups at all.
            var nothingAbove = present.Count == 0 && whiteouts.Count == 0 && opaque.Count == 0;
            foreach (var file in result.Files)
            {
                if (nothingAbove)
                {
                    added.Add(new MergedFile(file, layer));
                    continue;
                }

                var by = HiddenBy(file.Path.AsSpan(), presentLookup, whiteoutLookup, opaqueLookup);
                if (by >= 0)
                {
                    deleted.Add(new DeletedFile(file, layer, by)); // even when a higher layer re-adds the path
                }
                else if (!present.ContainsKey(file.Path))
                {
                    added.Add(new MergedFile(file, layer)); // else overwritten by a higher layer
                }
            }

            foreach (var file in added)
            {
                present[file.Record.Path] = file;
            }

            // This layer's markers hide content of the layers below it only.
            foreach (var w in result.Whiteouts)
            {
                whiteouts.TryAdd(w, layer);
            }

            foreach (var o in result.OpaqueDirectories)
            {
                opaque.TryAdd(o, layer);
            }
        }

        deleted.Sort((a, b) => string.CompareOrdinal(a.Record.Path, b.Record.Path) is var c && c != 0 ? c : a.Layer.CompareTo(b.Layer));
        return new MergedImage(layers, present, deleted);
    }

    private static int HiddenBy(
        ReadOnlySpan<char> path,
        Dictionary<string, MergedFile>.AlternateLookup<ReadOnlySpan<char>> present,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> whiteouts,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> opaque)
    {
        // An empty dictionary still hashes the key: most layers have no markers above them.
        var anyWhiteout = whiteouts.Dictionary.Count > 0;
        var anyOpaque = opaque.Dictionary.Count > 0;
        if (anyWhiteout && whiteouts.TryGetValue(path, out var by))
        {
            return by;
        }

        // Ancestors: deleted, opaque, or replaced by a non-directory in a higher layer.
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path[..slash].LastIndexOf('/'))
        {
            var ancestor = path[..slash];
            if ((anyWhiteout && whiteouts.TryGetValue(ancestor, out by)) || (anyOpaque && opaque.TryGetValue(ancestor, out by)))
            {
                return by;
            }

            if (present.TryGetValue(ancestor, out var upper) && upper.Record.Kind != EntryKind.Directory)
            {
                return upper.Layer;
            }
        }

        return anyOpaque && opaque.TryGetValue(string.Empty, out by) ? by : -1;
    }
}
