namespace Drydock.Advisories.Distribution;

/// <summary>The public feeds <c>drydock db update</c> fetches when no <c>--source-config</c> is given (listed in
/// docs/advisory-database.md): OSV's per-ecosystem <c>all.zip</c> exports, Alpine secdb per supported release, CISA KEV,
/// FIRST EPSS and the NVD CVE 2.0 yearly feeds.</summary>
public static class DefaultFeeds
{
    /// <summary>OSV ecosystems whose complete export is fetched: the language ecosystems and the distributions the matcher
    /// has a release key for (<c>EcosystemTarget.DistroEcosystem</c>) that publish OSV.</summary>
    public static readonly IReadOnlyList<string> OsvEcosystems =
        ["PyPI", "npm", "Go", "Maven", "NuGet", "RubyGems", "Packagist", "crates.io",
         "Debian", "Alpine", "Ubuntu", "Red Hat", "Rocky Linux", "AlmaLinux", "Wolfi", "Chainguard"];

    /// <summary>Alpine releases whose secdb is fetched (main and community).</summary>
    public static readonly IReadOnlyList<string> AlpineReleases = ["v3.18", "v3.19", "v3.20", "v3.21", "v3.22"];

    /// <summary>The first year of the NVD 2.0 yearly feeds.</summary>
    public const int NvdFirstYear = 2002;

    /// <summary>OSV's bucket: <c>{ecosystem}/all.zip</c> holds one JSON file per advisory.</summary>
    public const string OsvExport = "https://osv-vulnerabilities.storage.googleapis.com/{0}/all.zip";

    /// <summary>Alpine secdb: <c>{release}/{repository}.json</c>.</summary>
    public const string AlpineSecdb = "https://secdb.alpinelinux.org/{0}/{1}.json";

    /// <summary>CISA's Known Exploited Vulnerabilities catalogue.</summary>
    public const string Kev = "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";

    /// <summary>FIRST EPSS scores for every CVE, today's file (gzip CSV).</summary>
    public const string Epss = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";

    /// <summary>NVD CVE 2.0 yearly feed (gzip JSON).</summary>
    public const string NvdYear = "https://nvd.nist.gov/feeds/json/cve/2.0/nvdcve-2.0-{0}.json.gz";

    /// <summary>The default feed list, NVD years up to <paramref name="today"/>'s year.</summary>
    public static IReadOnlyList<FeedSource> For(DateTimeOffset today)
    {
        var urls = new List<string>();
        urls.AddRange(OsvEcosystems.Select(e => string.Format(System.Globalization.CultureInfo.InvariantCulture, OsvExport, Uri.EscapeDataString(e))));
        foreach (var release in AlpineReleases)
        {
            urls.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, AlpineSecdb, release, "main"));
            urls.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, AlpineSecdb, release, "community"));
        }

        urls.Add(Kev);
        urls.Add(Epss);
        for (var year = NvdFirstYear; year <= today.UtcDateTime.Year; year++)
        {
            urls.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, NvdYear, year));
        }

        return [.. urls.Select(u => new FeedSource(u))];
    }
}
