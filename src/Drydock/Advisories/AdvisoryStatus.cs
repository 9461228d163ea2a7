namespace Drydock.Advisories;

/// <summary>Where a package stands with respect to an advisory.</summary>
public enum AdvisoryStatus
{
    /// <summary>Affected in the listed ranges or versions; no fix is known to the source (OSV without fixed events).</summary>
    Affected,

    /// <summary>Fixed in <see cref="AffectedPackage.FixedVersions"/>; versions before the fix are affected.</summary>
    Fixed,

    /// <summary>Affected and not fixed yet (Debian <c>&lt;unfixed&gt;</c>, <c>&lt;no-dsa&gt;</c>, <c>&lt;postponed&gt;</c>; tracker status "open").</summary>
    Unfixed,

    /// <summary>Not affected in this release (Alpine secfix "0", Debian <c>&lt;not-affected&gt;</c> or fixed version "0").</summary>
    NotAffected,

    /// <summary>The distro decided not to fix it (Debian <c>&lt;ignored&gt;</c>).</summary>
    WillNotFix,

    /// <summary>The package lost security support in this release (Debian <c>&lt;end-of-life&gt;</c>): treat as affected.</summary>
    EndOfLife,
}
