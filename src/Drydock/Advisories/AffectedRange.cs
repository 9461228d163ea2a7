namespace Drydock.Advisories;

/// <summary>An OSV range: a version scheme and the events along it, in source order.</summary>
/// <param name="Type">ECOSYSTEM, SEMVER or GIT, as the source writes it.</param>
/// <param name="Events">The events.</param>
public sealed record AffectedRange(string Type, IReadOnlyList<RangeEvent> Events);
