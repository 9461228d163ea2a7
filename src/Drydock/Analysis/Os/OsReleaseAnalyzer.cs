using System.Collections.Frozen;
using System.Text;
using Drydock.Layers;

namespace Drydock.Analysis.Os;

/// <summary>Collects the release files that identify the operating system. Symlinks among them
/// (Debian's /etc/os-release → ../usr/lib/os-release) are resolved after merging.</summary>
public sealed class OsReleaseAnalyzer : IAnalyzer
{
    private const int MaxReleaseFileBytes = 64 * 1024;

    /// <summary>The files read, in the order of preference used when deciding the OS.</summary>
    public static readonly IReadOnlyList<string> Paths =
    [
        "etc/os-release",
        "usr/lib/os-release",
        "etc/alpine-release",
        "etc/debian_version",
        "etc/redhat-release",
        "etc/centos-release",
        "etc/fedora-release",
        "etc/rocky-release",
        "etc/almalinux-release",
        "etc/oracle-release",
        "etc/system-release",
        "etc/lsb-release",
        "etc/SuSE-release",
        "etc/photon-release",
        "usr/lib/fedora-release",
    ];

    private static readonly FrozenSet<string> PathSet = Paths.ToFrozenSet(StringComparer.Ordinal);

    public string Id => "os-release";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size <= MaxReleaseFileBytes && PathSet.Contains(entry.Path) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var text = Encoding.UTF8.GetString(input.Content);
        var path = input.Entry.Path;
        var fields = path is "etc/os-release" or "usr/lib/os-release" or "etc/lsb-release"
            ? ParseKeyValues(text)
            : new SortedDictionary<string, string>(StringComparer.Ordinal) { ["TEXT"] = FirstLine(text) };
        result.AddOsReleaseFile(new OsReleaseFile(path, fields));
    }

    /// <summary>Parses os-release syntax: KEY=value lines, values optionally quoted with shell escapes.</summary>
    public static SortedDictionary<string, string> ParseKeyValues(string text)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\$", "$", StringComparison.Ordinal)
                    .Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            if (fields.Count < 64 && key.Length <= 64)
            {
                fields[key] = value.Length > 256 ? value[..256] : value;
            }
        }

        return fields;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 256 ? line[..256] : line;
    }
}
