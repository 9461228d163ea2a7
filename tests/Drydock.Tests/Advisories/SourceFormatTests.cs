using System.IO.Compression;
using System.Text;
using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Advisories.Cvss;
using Drydock.Analysis.Os;
using Drydock.Analysis.Packages;
using Drydock.Detection.Vulnerabilities;

namespace Drydock.Tests.Advisories;

/// <summary>Formats that vuln-data lacks (NVD, EPSS, the Debian tracker's JSON, Alpine JSON, gzip), recognised by content
/// whatever the file is called.</summary>
public sealed class SourceFormatTests : IDisposable
{
    private readonly SyntheticSources _sources = new();

    public void Dispose() => _sources.Dispose();

    [Fact]
    public async Task NVD_records_give_titles_CVSS_vectors_per_scorer_and_the_rejected_flag()
    {
        _sources.Write("feed.data", """
            {"resultsPerPage": 2, "format": "NVD_CVE", "version": "2.0", "vulnerabilities": [
              {"cve": {"id": "CVE-2024-0001", "published": "2024-01-02T03:04:05.000", "lastModified": "2024-02-01T00:00:00.000",
                "vulnStatus": "Analyzed",
                "descriptions": [{"lang": "es", "value": "Una"}, {"lang": "en", "value": "A buffer overflow."}],
                "metrics": {
                  "cvssMetricV31": [
                    {"source": "nvd@nist.gov", "type": "Primary", "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL"}},
                    {"source": "cna@vendor.example", "type": "Secondary", "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", "baseScore": 5.5, "baseSeverity": "MEDIUM"}}],
                  "cvssMetricV2": [{"source": "nvd@nist.gov", "type": "Primary", "cvssData": {"version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:P/I:P/A:P", "baseScore": 7.5}, "baseSeverity": "HIGH"}]},
                "references": [{"url": "https://example.org/a"}]}},
              {"cve": {"id": "CVE-2024-0002", "vulnStatus": "Rejected", "descriptions": [{"lang": "en", "value": "** REJECT **"}]}}
            ]}
            """);
        var report = await _sources.BuildAsync();
        Assert.Equal(1, report.FilesByFormat[SourceFormats.NvdJson]);
        using var store = _sources.Open();
        var record = store.GetAdvisory("CVE-2024-0001");
        Assert.NotNull(record);
        Assert.Equal(AdvisorySources.Nvd, record.Source);
        Assert.Equal("A buffer overflow.", record.Title);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), record.Published);
        Assert.Equal(
            [
                // The scores are computed by db build from the vectors (not copied from NVD's baseScore).
                new SeverityEntry("nvd", "CRITICAL", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") { CvssScore = 9.8, CvssVersion = CvssVersion.V3_1 },
                new SeverityEntry("cna@vendor.example", "MEDIUM", "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N") { CvssScore = 5.5, CvssVersion = CvssVersion.V3_1 },
                new SeverityEntry("nvd", "HIGH", "AV:N/AC:L/Au:N/C:P/I:P/A:P") { CvssScore = 7.5, CvssVersion = CvssVersion.V2_0 },
            ],
            record.Severities);
        Assert.Equal(["https://example.org/a"], record.References);
        Assert.True(store.GetAdvisory("CVE-2024-0002")!.Withdrawn);
    }

    [Fact]
    public async Task EPSS_CSV_is_read_after_its_model_version_line_even_gzipped()
    {
        var csv = "#model_version:v2023.03.01,score_date:2024-06-01T00:00:00+0000\ncve,epss,percentile\nCVE-2024-0001,0.97123,0.99950\nCVE-2024-0002,0.00043,0.05000\nnot,a,number\n";
        using (var buffer = new MemoryStream())
        {
            using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(csv));
            }

            _sources.Write("epss_scores-current.csv.gz", buffer.ToArray());
        }

        var report = await _sources.BuildAsync();
        Assert.Equal(1, report.FilesByFormat[SourceFormats.EpssCsv]);
        Assert.Equal(1, report.ProblemCount);
        Assert.Contains("line 5", Assert.Single(report.Problems));
        using var store = _sources.Open();
        Assert.Equal(new EpssScore("CVE-2024-0001", 0.97123, 0.99950), store.GetEpss("CVE-2024-0001"));
        Assert.Equal(2, store.Info.EpssScores);
        Assert.Null(store.GetEpss("CVE-2024-9999"));
    }

    [Fact]
    public async Task The_Debian_tracker_JSON_gives_per_release_status_and_urgency()
    {
        _sources.Write("tracker.json", """
            {"openssl": {
               "CVE-2023-0464": {"description": "excessive resource use verifying X.509 policy constraints", "scope": "local",
                 "releases": {
                   "bookworm": {"status": "resolved", "repositories": {"bookworm": "3.0.9-1"}, "fixed_version": "3.0.9-1", "urgency": "not yet assigned"},
                   "bullseye": {"status": "open", "repositories": {"bullseye": "1.1.1n-0+deb11u4"}, "urgency": "low", "nodsa": "Minor issue", "nodsa_reason": ""},
                   "buster": {"status": "open", "repositories": {"buster": "1.1.1n-0+deb10u3"}, "urgency": "low", "nodsa": "", "nodsa_reason": "ignored"},
                   "stretch": {"status": "resolved", "repositories": {"stretch": "1.1.0l-1~deb9u1"}, "fixed_version": "0", "urgency": "unimportant"},
                   "sid": {"status": "resolved", "repositories": {"sid": "3.0.9-1"}, "fixed_version": "3.0.9-1", "urgency": "low"}}}}}
            """);
        var report = await _sources.BuildAsync();
        Assert.Equal(1, report.FilesByFormat[SourceFormats.DebianTrackerJson]);
        using var store = _sources.Open();
        Assert.Equal(["3.0.9-1"], Assert.Single(store.FindAffected("Debian:12", "openssl")).FixedVersions);
        var bullseye = Assert.Single(store.FindAffected("Debian:11", "openssl"));
        Assert.Equal(AdvisoryStatus.Unfixed, bullseye.Status);
        Assert.Equal("no-dsa: Minor issue", bullseye.Note);
        Assert.Equal(AdvisoryStatus.WillNotFix, Assert.Single(store.FindAffected("Debian:10", "openssl")).Status);
        Assert.Equal(AdvisoryStatus.NotAffected, Assert.Single(store.FindAffected("Debian:9", "openssl")).Status);
        var record = store.GetAdvisory("CVE-2023-0464");
        Assert.NotNull(record);
        Assert.Equal(AdvisorySources.DebianTracker, record.Source);
        Assert.Equal([new SeverityEntry("debian-tracker", "low", null), new SeverityEntry("debian-tracker", "unimportant", null)], record.Severities);
    }

    [Fact]
    public async Task The_Debian_tracker_JSON_marks_end_of_life_by_urgency_and_its_starred_urgencies_are_ratings()
    {
        // Shapes met in real exports: an unsupported release says "end-of-life" in its urgency (no nodsa_reason), urgencies
        // the tracker took from elsewhere carry "**", and an issue no release carries has "releases": [].
        _sources.Write("tracker.json", """
            {"chromium": {
               "CVE-2022-0456": {"description": "Use after free in Web Search",
                 "releases": {
                   "bookworm": {"status": "resolved", "repositories": {"bookworm": "98.0.4758.80-1"}, "fixed_version": "98.0.4758.80-1", "urgency": "not yet assigned"},
                   "buster": {"status": "open", "repositories": {"buster": "90.0.4430.212-1~deb10u1"}, "urgency": "end-of-life"}}}},
             "chromium-browser": {"CVE-2022-0358": {"releases": []}},
             "busybox": {
               "CVE-2022-28391": {"releases": {
                   "bullseye": {"status": "open", "repositories": {"bullseye": "1:1.30.1-6"}, "urgency": "high**"},
                   "buster": {"status": "open", "repositories": {"buster": "1:1.30.1-4"}, "urgency": "unimportant"}}}}}
            """);
        var report = await _sources.BuildAsync();
        Assert.Equal(0, report.ProblemCount);
        using var store = _sources.Open();
        var buster = Assert.Single(store.FindAffected("Debian:10", "chromium"));
        Assert.Equal(AdvisoryStatus.EndOfLife, buster.Status);
        Assert.Equal("end-of-life", buster.Note);
        Assert.Empty(store.GetAdvisory("CVE-2022-0456")!.Severities);
        Assert.Equal([new SeverityEntry("debian-tracker", "high", null), new SeverityEntry("debian-tracker", "unimportant", null)],
            store.GetAdvisory("CVE-2022-28391")!.Severities);
        Assert.Equal(AdvisoryStatus.Unfixed, Assert.Single(store.FindAffected("Debian:11", "busybox")).Status);
        Assert.Equal("unimportant", Assert.Single(store.FindAffected("Debian:10", "busybox")).Note);
        Assert.Empty(store.FindAffected("Debian:12", "chromium-browser"));
    }

    [Fact]
    public async Task Of_several_EPSS_files_the_later_score_date_wins_whatever_the_file_order()
    {
        // Files are read in path order: the newer day's file comes first here.
        _sources.Write("a/epss.csv", "#model_version:v2025.03.14,score_date:2026-09-29T12:00:22Z\ncve,epss,percentile\nCVE-1999-0001,0.01,0.80\n");
        _sources.Write("b/epss.csv", "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\nCVE-1999-0001,0.5,0.99\nCVE-1999-0002,7e-05,0.01\n");
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Equal(new EpssScore("CVE-1999-0001", 0.01, 0.80), store.GetEpss("CVE-1999-0001"));
        Assert.Equal(new EpssScore("CVE-1999-0002", 0.00007, 0.01), store.GetEpss("CVE-1999-0002"));
    }

    [Fact]
    public async Task A_single_NVD_record_file_is_read_bare_or_under_cve()
    {
        // Per-CVE mirrors of NVD keep the API's "cve" object alone in each file.
        const string record = """
            {"id": "CVE-2025-0111", "sourceIdentifier": "psirt@vendor.example", "published": "2025-02-12T21:15:16.290", "lastModified": "2025-02-20T00:00:00.000",
             "vulnStatus": "Analyzed", "descriptions": [{"lang": "en", "value": "An authenticated file read."}],
             "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary",
               "cvssData": {"version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", "baseScore": 4.3, "baseSeverity": "MEDIUM"}}]},
             "references": [{"url": "https://security.vendor.example/CVE-2025-0111", "source": "psirt@vendor.example"}]}
            """;
        _sources.Write("CVE-2025-0111.json", record);
        _sources.Write("golden/CVE-2025-0112.json", "{\"cve\": " + record.Replace("CVE-2025-0111", "CVE-2025-0112") + "}");
        var report = await _sources.BuildAsync();
        Assert.Equal(2, report.FilesByFormat[SourceFormats.NvdJson]);
        using var store = _sources.Open();
        foreach (var id in new[] { "CVE-2025-0111", "CVE-2025-0112" })
        {
            var advisory = store.GetAdvisory(id);
            Assert.NotNull(advisory);
            Assert.Equal("An authenticated file read.", advisory.Title);
            Assert.Equal(4.3, Assert.Single(advisory.Severities).CvssScore);
        }
    }

    [Fact]
    public async Task Alpine_secdb_JSON_reads_like_the_YAML_and_version_0_means_not_affected()
    {
        _sources.Write("v3.18-main.json", """
            {"distroversion": "v3.18", "reponame": "main", "archs": ["x86_64"],
             "packages": [{"pkg": {"name": "openssl", "secfixes": {"3.1.1-r0": ["CVE-2023-2650"], "0": ["CVE-2022-0001"]}}}]}
            """);
        var report = await _sources.BuildAsync();
        Assert.Equal(1, report.FilesByFormat[SourceFormats.AlpineJson]);
        using var store = _sources.Open();
        var entries = store.FindAffected("Alpine:v3.18", "openssl");
        Assert.Equal(["3.1.1-r0"], Assert.Single(entries, e => e.AdvisoryId == "CVE-2023-2650").FixedVersions);
        var notAffected = Assert.Single(entries, e => e.AdvisoryId == "CVE-2022-0001");
        Assert.Equal(AdvisoryStatus.NotAffected, notAffected.Status);
        Assert.Empty(notAffected.Ranges);
    }

    [Fact]
    public async Task Release_less_distro_entries_apply_to_every_release_but_not_the_reverse()
    {
        _sources.Write("debian-osv.json", """
            {"id": "DEBIAN-CVE-2024-1", "modified": "2024-01-01T00:00:00Z",
             "affected": [{"package": {"ecosystem": "Debian", "name": "zlib"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:1.3-1"}]}]},
                          {"package": {"ecosystem": "Debian:12", "name": "zlib"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:1.2.13-1"}]}]}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Equal(2, store.FindAffected("debian:12", "zlib").Count);
        Assert.Single(store.FindAffected("Debian:11", "zlib"));
        Assert.Equal("Debian", Assert.Single(store.FindAffected("Debian", "zlib")).Ecosystem);
        Assert.Equal("debian", store.GetAdvisory("DEBIAN-CVE-2024-1")!.Source);
    }

    [Fact]
    public async Task Ubuntu_OSV_releases_are_found_by_the_release_an_image_names_and_Pro_entries_stay_apart()
    {
        // The shape of Ubuntu's own OSV records (canonical/ubuntu-security-notices, osv/): ecosystems "Ubuntu:22.04:LTS",
        // "Ubuntu:Pro:18.04:LTS" and, for interim releases, "Ubuntu:24.10"; source package names; dpkg versions.
        _sources.Write("ubuntu-osv.json", """
            {"schema_version": "1.6.3", "id": "UBUNTU-CVE-2024-0001", "upstream": ["CVE-2024-0001"], "details": "Heap overflow in libexample.",
             "published": "2024-02-01T00:00:00Z", "modified": "2024-03-01T00:00:00Z",
             "affected": [
               {"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "libexample"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2-3ubuntu0.1"}]}],
                "versions": ["1.2-3", "1.2-3build1"]},
               {"package": {"ecosystem": "Ubuntu:Pro:18.04:LTS", "name": "libexample"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0-1ubuntu0.1~esm1"}]}]},
               {"package": {"ecosystem": "Ubuntu:24.10", "name": "libexample"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}], "versions": ["1.4-1"]}],
             "references": [{"type": "REPORT", "url": "https://example.org/CVE-2024-0001"}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Equal(["1.2-3ubuntu0.1"], Assert.Single(store.FindAffected("Ubuntu:22.04", "libexample")).FixedVersions);
        Assert.Equal(["1.0-1ubuntu0.1~esm1"], Assert.Single(store.FindAffected("Ubuntu:Pro:18.04", "libexample")).FixedVersions);
        Assert.Empty(store.FindAffected("Ubuntu:18.04", "libexample"));
        Assert.Single(store.FindAffected("Ubuntu:24.10", "libexample"));
        Assert.Equal(1, store.Info.AffectedByEcosystem["Ubuntu:22.04"]);

        // What an Ubuntu 22.04 image's dpkg status gives: binary package, source package and version.
        var matcher = new VulnerabilityMatcher(store);
        var jammy = new OsInfo("ubuntu", "22.04", "Ubuntu 22.04.4 LTS", "usr/lib/os-release");
        PackageRecord Installed(string version) => new()
        {
            Type = PackageTypes.Deb, Name = "libexample1", SourceName = "libexample", Version = version, SourcePath = "var/lib/dpkg/status",
        };
        var finding = Assert.Single(matcher.Match([Installed("1.2-3build1")], jammy, []));
        Assert.Equal("CVE-2024-0001", finding.Id);
        Assert.Equal(["1.2-3ubuntu0.1"], finding.FixedVersions);
        Assert.Empty(matcher.Match([Installed("1.2-3ubuntu0.1")], jammy, []));
        Assert.Empty(matcher.Match([Installed("1.0-1")], new OsInfo("ubuntu", "18.04", null, "etc/os-release"), []));
    }

    [Fact]
    public async Task An_Ubuntu_notice_over_several_CVEs_does_not_merge_them_and_a_CVE_record_is_the_CVEs_finding()
    {
        // Real shapes: a USN's upstream names Ubuntu's per-CVE records ("UBUNTU-CVE-…"), which are published beside it.
        foreach (var cve in new[] { "2024-0001", "2024-0002" })
        {
            _sources.Write($"UBUNTU-CVE-{cve}.json", $$"""
                {"schema_version": "1.7.0", "id": "UBUNTU-CVE-{{cve}}", "upstream": ["CVE-{{cve}}"], "modified": "2024-03-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "openssl"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.2-0ubuntu1.14"}]}]}]}
                """);
        }

        _sources.Write("USN-9999-1.json", """
            {"schema_version": "1.7.0", "id": "USN-9999-1", "summary": "openssl vulnerabilities", "modified": "2024-03-01T00:00:00Z",
             "upstream": ["UBUNTU-CVE-2024-0001", "UBUNTU-CVE-2024-0002"],
             "affected": [{"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "openssl"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.2-0ubuntu1.14"}]}]}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Empty(store.GetAdvisory("USN-9999-1")!.Aliases);
        Assert.Equal(["CVE-2024-0001"], store.GetAdvisory("UBUNTU-CVE-2024-0001")!.Aliases);

        var jammy = new OsInfo("ubuntu", "22.04", null, "etc/os-release");
        var package = new PackageRecord
        {
            Type = PackageTypes.Deb, Name = "libssl3", SourceName = "openssl", Version = "3.0.2-0ubuntu1.13", SourcePath = "var/lib/dpkg/status",
        };
        var findings = new VulnerabilityMatcher(store).Match([package], jammy, []);
        Assert.Equal(["CVE-2024-0001", "CVE-2024-0002", "USN-9999-1"], findings.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Red_Hat_streams_are_one_release_and_rpm_advisories_are_found_by_source_or_binary_name()
    {
        // Red Hat's OSV names each repository stream of a release ("::baseos", "::appstream") and the CVE under "upstream";
        // AlmaLinux's names binary packages (nginx-core of source nginx) and its CVEs under "related".
        _sources.Write("rhsa.json", """
            {"schema_version": "1.7.5", "id": "RHSA-2025:9978", "published": "2025-07-01T10:06:01Z", "modified": "2026-03-18T11:30:33Z",
             "upstream": ["CVE-2025-32462"], "summary": "sudo security update",
             "affected": [
               {"package": {"name": "sudo", "ecosystem": "Red Hat:enterprise_linux:9::appstream"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0:1.9.5p2-10.el9_6.1"}]}]},
               {"package": {"name": "sudo", "ecosystem": "Red Hat:enterprise_linux:9::baseos"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0:1.9.5p2-10.el9_6.1"}]}]},
               {"package": {"name": "sudo", "ecosystem": "Red Hat:rhel_eus:9.4::baseos"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0:1.9.5p2-9.el9_4.1"}]}]}]}
            """);
        _sources.Write("alsa.json", """
            {"id": "ALSA-2026:0001", "modified": "2026-01-05T00:00:00Z", "summary": "Important: nginx security update", "related": ["CVE-2026-0001", "CVE-2026-0002"],
             "affected": [{"package": {"name": "nginx-core", "ecosystem": "AlmaLinux:9"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:1.20.1-16.el9_4.1"}]}]}]}
            """);
        _sources.Write("alba.json", """
            {"id": "ALBA-2022:8256", "modified": "2022-11-15T00:00:00Z", "summary": "qatzip bug fix and enhancement update", "related": [],
             "affected": [{"package": {"name": "qatzip-libs", "ecosystem": "AlmaLinux:9"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.9-1.el9"}]}]}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Equal(2, store.FindAffected("Red Hat:9", "sudo").Count);

        // A bug-fix erratum is kept for look-ups, and matches nothing.
        Assert.NotNull(store.GetAdvisory("ALBA-2022:8256"));
        Assert.Empty(store.FindAffected("AlmaLinux:9", "qatzip-libs"));
        Assert.Single(store.FindAffected("Red Hat:rhel_eus:9.4::baseos", "sudo"));

        var matcher = new VulnerabilityMatcher(store);
        var rhel = new OsInfo("redhat", "9.4", "Red Hat Enterprise Linux 9.4 (Plow)", "etc/os-release");
        PackageRecord Rpm(string name, string source, string version, int? epoch = null) => new()
        {
            Type = PackageTypes.Rpm, Name = name, SourceName = source, Version = version, Epoch = epoch, SourcePath = "var/lib/rpm/rpmdb.sqlite",
        };
        var sudo = Assert.Single(matcher.Match([Rpm("sudo", "sudo", "1.9.5p2-9.el9")], rhel, []));
        Assert.Equal("CVE-2025-32462", sudo.Id);
        Assert.Equal(["0:1.9.5p2-10.el9_6.1"], sudo.FixedVersions);
        Assert.Empty(matcher.Match([Rpm("sudo", "sudo", "1.9.5p2-10.el9_6.1")], rhel, []));

        var alma = new OsInfo("almalinux", "9.4", null, "etc/os-release");
        // The erratum fixes two CVEs (AlmaLinux lists them under "related"): a finding for each, as for a DSA.
        var nginx = matcher.Match([Rpm("nginx-core", "nginx", "1.20.1-14.el9", epoch: 1)], alma, []);
        Assert.Equal(["CVE-2026-0001", "CVE-2026-0002"], nginx.Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(nginx, f => Assert.Contains("ALSA-2026:0001", f.Aliases));
        Assert.Empty(matcher.Match([Rpm("nginx-core", "nginx", "1.20.1-16.el9_4.1", epoch: 1)], alma, []));
    }

    [Fact]
    public async Task Wolfi_and_Chainguard_apk_packages_are_matched_against_their_rolling_ecosystems()
    {
        _sources.Write("cga.json", """
            {"id": "CGA-2p4x-8f7g-xv7q", "modified": "2025-01-10T00:00:00Z", "aliases": ["CVE-2024-9143"],
             "affected": [
               {"package": {"ecosystem": "Wolfi", "name": "openssl"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.4.0-r2"}]}]},
               {"package": {"ecosystem": "Chainguard", "name": "openssl"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.4.0-r2"}]}]}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        var matcher = new VulnerabilityMatcher(store);
        PackageRecord Apk(string version) => new()
        {
            Type = PackageTypes.Apk, Name = "libcrypto3", SourceName = "openssl", Version = version, SourcePath = "lib/apk/db/installed",
        };
        foreach (var family in new[] { "wolfi", "chainguard" })
        {
            var os = new OsInfo(family, "20230201", null, "etc/os-release");
            Assert.Equal("CVE-2024-9143", Assert.Single(matcher.Match([Apk("3.4.0-r1")], os, [])).Id);
            Assert.Empty(matcher.Match([Apk("3.4.0-r2")], os, []));
        }
    }

    [Fact]
    public async Task OS_packages_of_a_distribution_no_source_covers_are_reported_as_not_checked()
    {
        _sources.Write("go.json", """
            {"id": "GO-2024-0001", "modified": "2024-01-01T00:00:00Z",
             "affected": [{"package": {"ecosystem": "Go", "name": "example.com/m"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}]}]}]}
            """);
        await _sources.BuildAsync();
        using var store = _sources.Open();
        var matcher = new VulnerabilityMatcher(store);
        PackageRecord Rpm(string name) => new() { Type = PackageTypes.Rpm, Name = name, Version = "1.0-1.el9", SourcePath = "var/lib/rpm/rpmdb.sqlite" };
        var go = new PackageRecord { Type = PackageTypes.Golang, Name = "example.com/m", Version = "v1.1.0", SourcePath = "usr/bin/app" };

        var warnings = new List<Diagnostic>();
        var findings = matcher.Match([Rpm("bash"), Rpm("glibc"), go], new OsInfo("amzn", "2023", "Amazon Linux 2023", "etc/os-release"), warnings);
        Assert.Equal("GO-2024-0001", Assert.Single(findings).Id);
        var warning = Assert.Single(warnings);
        Assert.Equal("os-packages-not-matched", warning.Code);
        Assert.Equal("2 rpm packages were not checked for vulnerabilities: no advisory source here covers amzn 2023", warning.Message);

        warnings.Clear();
        matcher.Match([Rpm("bash")], null, warnings);
        Assert.Contains("no operating system was detected", Assert.Single(warnings).Message);

        warnings.Clear();
        matcher.Match([Rpm("bash")], new OsInfo("rocky", "9.3", null, "etc/os-release"), warnings);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_newer_copy_of_an_OSV_record_replaces_the_older_with_its_affected_entries()
    {
        const string template = """
            {"id": "GHSA-aaaa-bbbb-cccc", "modified": "MODIFIED", "summary": "SUMMARY",
             "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "FIXED"}]}]}]}
            """;
        _sources.Write("a/old.json", template.Replace("MODIFIED", "2020-01-01T00:00:00Z").Replace("SUMMARY", "old").Replace("FIXED", "1.0.0"));
        _sources.Write("b/new.json", template.Replace("MODIFIED", "2021-01-01T00:00:00Z").Replace("SUMMARY", "new").Replace("FIXED", "1.0.1"));
        _sources.Write("c/older.json", template.Replace("MODIFIED", "2019-01-01T00:00:00Z").Replace("SUMMARY", "older").Replace("FIXED", "0.9.0"));
        await _sources.BuildAsync();
        using var store = _sources.Open();
        Assert.Equal("new", store.GetAdvisory("GHSA-aaaa-bbbb-cccc")!.Title);
        Assert.Equal(["1.0.1"], Assert.Single(store.FindAffected("npm", "left-pad")).FixedVersions);
        Assert.Equal(1, store.Info.AdvisoriesBySource[AdvisorySources.Ghsa]);
    }

    [Fact]
    public async Task GetAdvisory_merges_the_sources_of_one_CVE()
    {
        _sources.Write("nvd.json", """
            {"format": "NVD_CVE", "vulnerabilities": [{"cve": {"id": "CVE-2023-1393", "descriptions": [{"lang": "en", "value": "use after free in X.Org"}],
              "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "cvssData": {"vectorString": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "baseSeverity": "HIGH"}}]}}}]}
            """);
        _sources.Write("list", "[29 Mar 2023] DSA-5380-1 xorg-server - security update\n\t{CVE-2023-1393}\n\t[bullseye] - xorg-server 2:1.20.11-1+deb11u6\n");
        await _sources.BuildAsync();
        using var store = _sources.Open();
        var merged = store.GetAdvisory("CVE-2023-1393");
        Assert.NotNull(merged);
        Assert.Equal(AdvisorySources.Nvd, merged.Source); // a real record comes before one derived for alias look-ups
        Assert.Equal("use after free in X.Org", merged.Title);
        Assert.Equal(["DSA-5380-1"], merged.Aliases);
        Assert.Equal("HIGH", Assert.Single(merged.Severities).Rating);
        Assert.Equal([AdvisorySources.Nvd, AdvisorySources.DebianDsa], store.GetAdvisoryPerSource("CVE-2023-1393").Select(r => r.Source));
        Assert.Equal("Debian:11", Assert.Single(store.GetAffected("DSA-5380-1")).Ecosystem);
    }
}
