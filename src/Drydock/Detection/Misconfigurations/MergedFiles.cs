using Drydock.Layers;
using Drydock.Merge;

namespace Drydock.Detection.Misconfigurations;

/// <summary>Look-ups of the merged filesystem that several checks share.</summary>
public static class MergedFiles
{
    /// <summary>The first of <paramref name="paths"/> that is a regular file (or a link to one) in the merged image, as an absolute path.</summary>
    public static string? FirstPresent(MergedImage merged, params string[] paths)
    {
        foreach (var path in paths)
        {
            if (merged.TryResolve(path, out var resolved, out _) && merged.TryGet(resolved, out var file) && file.Record.Kind == EntryKind.File)
            {
                return "/" + path;
            }
        }

        return null;
    }

    /// <summary>"setuid", "setgid" or both for a file's special bits.</summary>
    public static string SpecialBits(Analysis.FileRecord record)
        => record.IsSetUid && record.IsSetGid ? "setuid, setgid" : record.IsSetUid ? "setuid" : "setgid";
}
