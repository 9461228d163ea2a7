namespace Drydock.Advisories;

/// <summary>What an advisory database holds, as recorded when it was built.</summary>
/// <param name="SchemaVersion">The schema version (<see cref="AdvisorySchema.Version"/> for databases this build can read).</param>
/// <param name="BuiltAt">When <c>drydock db build</c> wrote it.</param>
/// <param name="AdvisoriesBySource">Advisory records per source (ids derived for alias look-ups, such as a DSA's CVEs, are not counted).</param>
/// <param name="AffectedByEcosystem">Affected-package entries per ecosystem key.</param>
/// <param name="FilesByFormat">Input files read per recognised format.</param>
/// <param name="KevEntries">KEV entries.</param>
/// <param name="EpssScores">EPSS scores.</param>
/// <param name="RejectedRecords">Malformed records the build skipped.</param>
public sealed record StoreInfo(
    int SchemaVersion,
    DateTimeOffset BuiltAt,
    IReadOnlyDictionary<string, long> AdvisoriesBySource,
    IReadOnlyDictionary<string, long> AffectedByEcosystem,
    IReadOnlyDictionary<string, long> FilesByFormat,
    long KevEntries,
    long EpssScores,
    long RejectedRecords);
