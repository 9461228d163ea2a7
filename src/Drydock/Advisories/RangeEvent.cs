namespace Drydock.Advisories;

/// <summary>One OSV range event.</summary>
/// <param name="Kind">introduced, fixed, last_affected or limit.</param>
/// <param name="Version">The version (or commit for GIT ranges) as written; "0" for introduced means from the start.</param>
public sealed record RangeEvent(string Kind, string Version);
