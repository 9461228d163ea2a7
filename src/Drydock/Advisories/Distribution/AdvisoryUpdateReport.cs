using Drydock.Advisories.Builders;

namespace Drydock.Advisories.Distribution;

/// <summary>What <c>db update</c> did: per feed, and whether the database was rebuilt.</summary>
/// <param name="DatabasePath">The database.</param>
/// <param name="Feeds">Each feed's outcome, in configuration order.</param>
/// <param name="Build">The build report when the database was rebuilt; null when nothing changed.</param>
public sealed record AdvisoryUpdateReport(string DatabasePath, IReadOnlyList<FeedOutcome> Feeds, AdvisoryBuildReport? Build);
