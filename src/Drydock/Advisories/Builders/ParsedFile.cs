namespace Drydock.Advisories.Builders;

/// <summary>What one input file yielded: rows to write and the problems met (each problem is one skipped record).</summary>
internal sealed class ParsedFile(string path)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The recognised format (a <see cref="SourceFormats"/> name), or null when the file was not recognised.</summary>
    public string? Format { get; set; }

    /// <summary>Advisory records and how the build merges each with a record of the same source and id from another file.</summary>
    public List<(AdvisoryRecord Record, RecordKind Kind)> Advisories { get; } = [];

    /// <summary>Affected-package entries.</summary>
    public List<AffectedPackage> Affected { get; } = [];

    /// <summary>KEV entries.</summary>
    public List<KevEntry> Kev { get; } = [];

    /// <summary>EPSS scores.</summary>
    public List<EpssScore> Epss { get; } = [];

    /// <summary>The day the EPSS scores are of (the file's <c>score_date</c>), when it says.</summary>
    public DateOnly? EpssScoreDate { get; set; }

    /// <summary>Skipped records, one line each.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Adds a record that a file holds whole (OSV, NVD): another copy replaces it when newer.</summary>
    public void AddWhole(AdvisoryRecord record) => Advisories.Add((record, RecordKind.Whole));

    /// <summary>Adds a record that several files add to (Alpine, Debian): copies are merged.</summary>
    public void Add(AdvisoryRecord record) => Advisories.Add((record, RecordKind.Accumulated));

    /// <summary>Adds a record that exists for alias look-ups (a DSA's CVE aliasing the DSA).</summary>
    public void AddDerived(AdvisoryRecord record) => Advisories.Add((record, RecordKind.Derived));

    /// <summary>Records one skipped record.</summary>
    public void Problem(string message) => Problems.Add(message);
}

/// <summary>How a record merges with another of the same source and id.</summary>
internal enum RecordKind
{
    /// <summary>A whole record (OSV, NVD): the newer copy wins, with its affected entries.</summary>
    Whole,

    /// <summary>A record several files add to (the same CVE in several Alpine releases): aliases and affected entries add up.</summary>
    Accumulated,

    /// <summary>A record made for alias look-ups; a real record of the same source and id takes its place.</summary>
    Derived,
}
