namespace Drydock.Advisories.Builders;

/// <summary>The input formats the builder recognises by content, as named in build reports and <c>db status</c>.</summary>
public static class SourceFormats
{
    /// <summary>An OSV record (or an array of them) in JSON: an object with "id" and "affected" or "modified".</summary>
    public const string OsvJson = "osv-json";

    /// <summary>An OSV record in YAML (the PyPA advisory database).</summary>
    public const string OsvYaml = "osv-yaml";

    /// <summary>Alpine secdb in YAML: "distroversion" and "packages".</summary>
    public const string AlpineYaml = "alpine-secdb-yaml";

    /// <summary>Alpine secdb in JSON.</summary>
    public const string AlpineJson = "alpine-secdb-json";

    /// <summary>The Debian security tracker's <c>DSA/list</c> or <c>DLA/list</c>.</summary>
    public const string DebianList = "debian-list";

    /// <summary>The Debian security tracker's JSON export (package → CVE → releases).</summary>
    public const string DebianTrackerJson = "debian-tracker-json";

    /// <summary>An NVD CVE API 2.0 response or feed: "vulnerabilities"[].cve.</summary>
    public const string NvdJson = "nvd-json";

    /// <summary>The CISA KEV catalogue: "catalogVersion" and "vulnerabilities".</summary>
    public const string KevJson = "kev-json";

    /// <summary>FIRST EPSS scores: CSV with the header "cve,epss,percentile", perhaps after a "#model_version" line.</summary>
    public const string EpssCsv = "epss-csv";
}
