namespace Drydock.Advisories;

/// <summary>The source names stored in <see cref="AdvisoryRecord.Source"/> and counted by <c>drydock db status</c>.
/// OSV records take theirs from the id prefix (PYSEC → pypa, GO → go, RUSTSEC → rustsec, GHSA → ghsa, MAL → malicious-packages;
/// any other prefix lower-cased, e.g. DEBIAN-CVE → debian).</summary>
public static class AdvisorySources
{
    /// <summary>The PyPA advisory database (PYSEC-…).</summary>
    public const string PyPA = "pypa";

    /// <summary>The Go vulnerability database (GO-…).</summary>
    public const string Go = "go";

    /// <summary>The RustSec advisory database (RUSTSEC-…).</summary>
    public const string RustSec = "rustsec";

    /// <summary>The GitHub advisory database (GHSA-…).</summary>
    public const string Ghsa = "ghsa";

    /// <summary>OpenSSF malicious packages (MAL-…).</summary>
    public const string Malicious = "malicious-packages";

    /// <summary>Alpine secdb secfixes.</summary>
    public const string AlpineSecdb = "alpine-secdb";

    /// <summary>Debian security advisories from the tracker's DSA/list.</summary>
    public const string DebianDsa = "debian-dsa";

    /// <summary>Debian LTS advisories from the tracker's DLA/list.</summary>
    public const string DebianDla = "debian-dla";

    /// <summary>The Debian security tracker's JSON export (per CVE, per release).</summary>
    public const string DebianTracker = "debian-tracker";

    /// <summary>NVD CVE API 2.0 records (titles, CVSS, rejected flag).</summary>
    public const string Nvd = "nvd";

    /// <summary>CISA Known Exploited Vulnerabilities.</summary>
    public const string Kev = "kev";

    /// <summary>FIRST EPSS scores.</summary>
    public const string Epss = "epss";

    /// <summary>The source of an OSV record, from its id prefix.</summary>
    public static string ForOsvId(string id)
    {
        var dash = id.IndexOf('-');
        var prefix = dash <= 0 ? id : id[..dash];
        return prefix.ToUpperInvariant() switch
        {
            "PYSEC" => PyPA,
            "GO" => Go,
            "RUSTSEC" => RustSec,
            "GHSA" => Ghsa,
            "MAL" => Malicious,
            _ => prefix.ToLowerInvariant(),
        };
    }

    /// <summary>The source of a Debian list entry, from its id prefix (DSA → debian-dsa, DLA → debian-dla, DTSA → debian-dtsa).</summary>
    public static string ForDebianListId(string id)
    {
        var dash = id.IndexOf('-');
        return "debian-" + (dash <= 0 ? id : id[..dash]).ToLowerInvariant();
    }
}
