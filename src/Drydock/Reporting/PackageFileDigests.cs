using Drydock.Analysis.Packages;
using Drydock.Merge;

namespace Drydock.Reporting;

/// <summary>Each package's installed-file digests for the SBOMs, keyed by absolute path: those its own database
/// entry records (rpm, apk) and those of the dpkg md5sums files that survive in the image.</summary>
internal sealed class PackageFileDigests(MergedImage merged)
{
    private readonly ILookup<(string Type, string Name), PackageEvidence> _evidence = merged.Layers
        .SelectMany((layer, index) => layer.PackageEvidence.Where(e => e.Kind == PackageEvidence.FileDigests && merged.TryGet(e.SourcePath, out var f) && f.Layer == index))
        .ToLookup(e => (e.Type, e.Name));

    /// <summary>The digests of <paramref name="record"/>'s files (<c>/path</c> → <c>ALGORITHM:hex</c>); null when none is known.</summary>
    public SortedDictionary<string, string>? For(PackageRecord record)
    {
        var facts = _evidence[(record.Type, record.Name)];
        if (record.Arch is { Length: > 0 } arch)
        {
            facts = facts.Concat(_evidence[(record.Type, record.Name + ":" + arch)]);
        }

        SortedDictionary<string, string>? digests = null;
        foreach (var (path, digest) in record.FileDigests ?? [])
        {
            (digests ??= new(StringComparer.Ordinal))["/" + path] = digest;
        }

        foreach (var entry in facts.SelectMany(e => e.Values))
        {
            if (FileDigest.TryParseEntry(entry, out var path, out var digest))
            {
                (digests ??= new(StringComparer.Ordinal)).TryAdd("/" + path, digest.ToString());
            }
        }

        return digests;
    }
}
