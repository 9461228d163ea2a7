using Drydock.Layers;

namespace Drydock.Analysis.Census;

/// <summary>Counts over a set of files: kinds, bytes, executables by format, and the risky permission bits.</summary>
public sealed record CensusSummary
{
    /// <summary>Most paths listed for each risky-permission list (the counts stay exact).</summary>
    public const int MaxListedPaths = 500;

    public long Files { get; init; }
    public long Directories { get; init; }
    public long Symlinks { get; init; }
    public long HardLinks { get; init; }
    public long Devices { get; init; }
    public long Fifos { get; init; }
    public long TotalBytes { get; init; }
    public long ElfExecutables { get; init; }
    public long PeExecutables { get; init; }
    public long Scripts { get; init; }
    public long MachOExecutables { get; init; }
    public long SetUidCount { get; init; }
    public long SetGidCount { get; init; }
    public long WorldWritableCount { get; init; }
    public List<string> SetUid { get; init; } = [];
    public List<string> SetGid { get; init; } = [];
    public List<string> WorldWritable { get; init; } = [];

    /// <summary>Summarises <paramref name="files"/>.</summary>
    public static CensusSummary Of(IEnumerable<FileRecord> files)
    {
        long regular = 0, dirs = 0, links = 0, hard = 0, devices = 0, fifos = 0, bytes = 0, elf = 0, pe = 0, scripts = 0, macho = 0;
        long suid = 0, sgid = 0, ww = 0;
        var suidList = new List<string>();
        var sgidList = new List<string>();
        var wwList = new List<string>();
        foreach (var f in files)
        {
            switch (f.Kind)
            {
                case EntryKind.File:
                    regular++;
                    bytes += f.Size;
                    break;
                case EntryKind.Directory:
                    dirs++;
                    break;
                case EntryKind.Symlink:
                    links++;
                    break;
                case EntryKind.HardLink:
                    hard++;
                    break;
                case EntryKind.CharDevice or EntryKind.BlockDevice:
                    devices++;
                    break;
                case EntryKind.Fifo:
                    fifos++;
                    break;
            }

            switch (f.Format)
            {
                case ExecutableFormat.Elf: elf++; break;
                case ExecutableFormat.PE: pe++; break;
                case ExecutableFormat.Script: scripts++; break;
                case ExecutableFormat.MachO: macho++; break;
            }

            if (f.IsSetUid && ++suid <= MaxListedPaths)
            {
                suidList.Add(f.Path);
            }

            if (f.IsSetGid && ++sgid <= MaxListedPaths)
            {
                sgidList.Add(f.Path);
            }

            if (f.IsWorldWritable && ++ww <= MaxListedPaths)
            {
                wwList.Add(f.Path);
            }
        }

        suidList.Sort(StringComparer.Ordinal);
        sgidList.Sort(StringComparer.Ordinal);
        wwList.Sort(StringComparer.Ordinal);
        return new CensusSummary
        {
            Files = regular, Directories = dirs, Symlinks = links, HardLinks = hard, Devices = devices, Fifos = fifos, TotalBytes = bytes,
            ElfExecutables = elf, PeExecutables = pe, Scripts = scripts, MachOExecutables = macho,
            SetUidCount = suid, SetGidCount = sgid, WorldWritableCount = ww, SetUid = suidList, SetGid = sgidList, WorldWritable = wwList,
        };
    }
}
