namespace Drydock.Advisories.Builders;

/// <summary>Folds parsed files, in path order, into one set of rows: whole records (OSV, NVD) keep the newest copy with its
/// affected entries; accumulated records (Alpine, Debian) merge aliases and add entries; derived alias records give way to a real
/// record of the same source and id; KEV rows from later files replace earlier ones, and so do EPSS scores unless the earlier
/// file says it is of a later day.</summary>
internal sealed class AdvisoryMerge
{
    private readonly Dictionary<(string Source, string Id), (AdvisoryRecord Record, RecordKind Kind)> _advisories = [];
    private readonly Dictionary<(string Source, string Id), List<AffectedPackage>> _wholeAffected = [];
    private readonly List<AffectedPackage> _accumulatedAffected = [];
    private readonly Dictionary<string, long> _filesByFormat = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly> _epssDays = new(StringComparer.Ordinal);

    /// <summary>Advisories keyed by source and id.</summary>
    public IEnumerable<(AdvisoryRecord Record, RecordKind Kind)> Advisories => _advisories.Values;

    /// <summary>Every affected entry: those of whole records, then the accumulated ones.</summary>
    public IEnumerable<AffectedPackage> Affected => _wholeAffected.Values.SelectMany(a => a).Concat(_accumulatedAffected);

    /// <summary>The number of affected entries.</summary>
    public long AffectedCount => _wholeAffected.Values.Sum(a => (long)a.Count) + _accumulatedAffected.Count;

    /// <summary>KEV entries by CVE.</summary>
    public Dictionary<string, KevEntry> Kev { get; } = new(StringComparer.Ordinal);

    /// <summary>EPSS scores by CVE.</summary>
    public Dictionary<string, EpssScore> Epss { get; } = new(StringComparer.Ordinal);

    /// <summary>Recognised files per format.</summary>
    public IReadOnlyDictionary<string, long> FilesByFormat => _filesByFormat;

    /// <summary>Malformed records or files.</summary>
    public long Rejected { get; private set; }

    /// <summary>Non-derived advisories per source.</summary>
    public IReadOnlyDictionary<string, long> AdvisoriesBySource()
        => _advisories.Values.Where(a => a.Kind != RecordKind.Derived)
            .GroupBy(a => a.Record.Source, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    /// <summary>Folds one file in.</summary>
    public void Add(ParsedFile file)
    {
        Rejected += file.Problems.Count;
        if (file.Format is null)
        {
            return;
        }

        _filesByFormat[file.Format] = _filesByFormat.GetValueOrDefault(file.Format) + 1;
        var wholeIds = new HashSet<(string, string)>();
        foreach (var (record, kind) in file.Advisories)
        {
            var key = (record.Source, record.Id);
            if (!_advisories.TryGetValue(key, out var existing))
            {
                _advisories[key] = (record, kind);
                if (kind == RecordKind.Whole)
                {
                    wholeIds.Add(key);
                    _wholeAffected[key] = [];
                }

                continue;
            }

            switch (existing.Kind, kind)
            {
                case (RecordKind.Whole, RecordKind.Whole):
                    if ((record.Modified ?? DateTimeOffset.MinValue) > (existing.Record.Modified ?? DateTimeOffset.MinValue))
                    {
                        _advisories[key] = (record, kind);
                        _wholeAffected[key] = [];
                        wholeIds.Add(key);
                    }

                    break;
                case (RecordKind.Derived, not RecordKind.Derived):
                    _advisories[key] = (record with { Aliases = Union(record.Aliases, existing.Record.Aliases, record.Id) }, kind);
                    if (kind == RecordKind.Whole)
                    {
                        _wholeAffected[key] = [];
                        wholeIds.Add(key);
                    }

                    break;
                default:
                    _advisories[key] = (Merge(existing.Record, record), existing.Kind);
                    break;
            }
        }

        foreach (var affected in file.Affected)
        {
            var key = (affected.Source, affected.AdvisoryId);
            if (_wholeAffected.TryGetValue(key, out var list))
            {
                if (wholeIds.Contains(key))
                {
                    list.Add(affected);
                }
            }
            else
            {
                _accumulatedAffected.Add(affected);
            }
        }

        foreach (var kev in file.Kev)
        {
            Kev[kev.Cve] = kev;
        }

        foreach (var score in file.Epss)
        {
            if (file.EpssScoreDate is { } day)
            {
                if (_epssDays.TryGetValue(score.Cve, out var held) && held > day)
                {
                    continue; // an older day's file, read after a newer one
                }

                _epssDays[score.Cve] = day;
            }

            Epss[score.Cve] = score;
        }
    }

    private static AdvisoryRecord Merge(AdvisoryRecord first, AdvisoryRecord second) => first with
    {
        Aliases = Union(first.Aliases, second.Aliases, first.Id),
        Title = first.Title ?? second.Title,
        Published = first.Published ?? second.Published,
        Modified = first.Modified ?? second.Modified,
        Severities = [.. first.Severities.Concat(second.Severities).Distinct()],
        References = [.. first.References.Concat(second.References).Distinct(StringComparer.Ordinal)],
    };

    private static List<string> Union(IReadOnlyList<string> first, IReadOnlyList<string> second, string self)
        => [.. first.Concat(second).Where(a => a != self).Distinct(StringComparer.Ordinal)];
}
