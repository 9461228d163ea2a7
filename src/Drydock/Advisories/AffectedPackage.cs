namespace Drydock.Advisories;

/// <summary>What one advisory says about one package in one ecosystem (or distro release).</summary>
/// <param name="AdvisoryId">The advisory (look it up with <see cref="AdvisoryStore.GetAdvisory"/>).</param>
/// <param name="Ecosystem">The ecosystem key, see <see cref="EcosystemNames"/> ("PyPI", "Go", "crates.io", "npm", "Debian:11", "Alpine:v3.10").</param>
/// <param name="Name">The package name, normalised as <see cref="EcosystemNames.NormalisePackageName"/> does (Debian: source package; Alpine: origin).</param>
/// <param name="Ranges">Affected ranges as OSV events; distro sources give one ECOSYSTEM range introduced "0" (fixed at the fixed version when there is one).</param>
/// <param name="Versions">Exact affected versions (OSV <c>versions</c>).</param>
/// <param name="Status">Whether a fix exists: OSV entries are <see cref="AdvisoryStatus.Fixed"/> when a range has a fixed event, else <see cref="AdvisoryStatus.Affected"/>.</param>
/// <param name="FixedVersions">The versions that fix it, in source order.</param>
public sealed record AffectedPackage(
    string AdvisoryId,
    string Ecosystem,
    string Name,
    IReadOnlyList<AffectedRange> Ranges,
    IReadOnlyList<string> Versions,
    AdvisoryStatus Status,
    IReadOnlyList<string> FixedVersions)
{
    /// <summary>The source the statement came from (an <see cref="AdvisorySources"/> name).</summary>
    public string Source { get; init; } = "";

    /// <summary>The source's own remark, when it gives one (Debian: "no-dsa", "postponed: …", "Vulnerable code not present").</summary>
    public string? Note { get; init; }
}
