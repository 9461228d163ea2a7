using Drydock.Advisories;
using Drydock.Advisories.Builders;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories;

/// <summary>Given all of vuln-data built into one database, when it is read back through <see cref="AdvisoryStore"/>,
/// then every source is counted and specific records come back as their sources wrote them.</summary>
public sealed class VulnDataBuildTests(VulnDataDatabase database) : IClassFixture<VulnDataDatabase>
{
    private AdvisoryStore Store => database.Store;

    [SharedDataFact]
    public void Every_source_is_loaded_and_counted()
    {
        var expected = new Dictionary<string, long>
        {
            [AdvisorySources.PyPA] = 2661,
            [AdvisorySources.Go] = 4291,
            [AdvisorySources.RustSec] = 1206,
            [AdvisorySources.Ghsa] = 34,
            [AdvisorySources.Malicious] = 29,
            [AdvisorySources.DebianDsa] = 5406,
            [AdvisorySources.DebianDla] = 3534,
        };
        foreach (var (source, count) in expected)
        {
            Assert.Equal(count, Store.Info.AdvisoriesBySource[source]);
        }

        Assert.Equal(1404, Store.Info.KevEntries);
        Assert.Equal(0, Store.Info.EpssScores);
        Assert.Equal(0, Store.Info.RejectedRecords);
        Assert.Equal(AdvisorySchema.Version, Store.Info.SchemaVersion);
        Assert.Equal(18, Store.Info.FilesByFormat[SourceFormats.AlpineYaml]);
        Assert.Equal(2661, Store.Info.FilesByFormat[SourceFormats.OsvYaml]);
        Assert.Equal(4291 + 1206 + 34 + 29, Store.Info.FilesByFormat[SourceFormats.OsvJson]);
        Assert.Equal(2, Store.Info.FilesByFormat[SourceFormats.DebianList]);
        Assert.Equal(1, Store.Info.FilesByFormat[SourceFormats.KevJson]);
        Assert.True(Store.Info.AdvisoriesBySource[AdvisorySources.AlpineSecdb] > 2000);
        Assert.Equal(9, Store.Info.AffectedByEcosystem.Keys.Count(k => k.StartsWith("Alpine:v3.", StringComparison.Ordinal)));
        Assert.Equal(1206, Store.Info.AffectedByEcosystem[EcosystemNames.CratesIo]);
        Assert.DoesNotContain("registry-crates.invalid", Store.Info.AffectedByEcosystem.Keys);
        Assert.Equal(0, database.Report.ProblemCount);
    }

    [SharedDataFact]
    public void RustSec_markdown_is_recognised_as_not_advisory_data()
    {
        var markdown = Directory.GetFiles(SharedData.Path("vuln-data", "rustsec-advisory-db", "markdown"), "*.md", SearchOption.AllDirectories).Length;
        Assert.True(markdown > 1200);
        Assert.True(database.Report.FilesUnrecognised >= markdown);
        Assert.Equal(database.Report.FilesRead, database.Report.FilesUnrecognised + (int)database.Report.FilesByFormat.Values.Sum());
    }

    [SharedDataFact]
    public void A_PyPA_record_keeps_aliases_ranges_and_versions_and_is_found_by_normalised_name()
    {
        var record = Store.GetAdvisory("PYSEC-2017-98");
        Assert.NotNull(record);
        Assert.Equal(AdvisorySources.PyPA, record.Source);
        Assert.Equal(["CVE-2016-9015"], record.Aliases);
        Assert.Equal(new DateTimeOffset(2017, 1, 11, 16, 59, 0, TimeSpan.Zero), record.Published);
        Assert.Contains("http://www.securityfocus.com/bid/93941", record.References);

        var affected = Assert.Single(Store.FindAffected("pypi", "URLLib3"), a => a.AdvisoryId == "PYSEC-2017-98");
        Assert.Equal("PyPI", affected.Ecosystem);
        Assert.Equal("urllib3", affected.Name);
        var range = Assert.Single(affected.Ranges);
        Assert.Equal("ECOSYSTEM", range.Type);
        Assert.Equal([new RangeEvent("introduced", "1.17"), new RangeEvent("fixed", "1.18.1")], range.Events);
        Assert.Equal(["1.17", "1.18"], affected.Versions);
        Assert.Equal(AdvisoryStatus.Fixed, affected.Status);
        Assert.Equal(["1.18.1"], affected.FixedVersions);

        Assert.Contains(Store.GetAdvisoriesByAlias("CVE-2016-9015"), a => a.Id == "PYSEC-2017-98");
    }

    [SharedDataFact]
    public void A_Go_record_has_SEMVER_ranges()
    {
        var record = Store.GetAdvisory("GO-2022-0805");
        Assert.NotNull(record);
        Assert.Equal(["CVE-2020-7669", "GHSA-75qf-wgfj-v652"], record.Aliases);
        Assert.False(record.Withdrawn);
        var affected = Assert.Single(Store.FindAffected("Go", "github.com/u-root/u-root"), a => a.AdvisoryId == "GO-2022-0805");
        var range = Assert.Single(affected.Ranges);
        Assert.Equal("SEMVER", range.Type);
        Assert.Equal([new RangeEvent("introduced", "0"), new RangeEvent("fixed", "0.9.0")], range.Events);
    }

    [SharedDataFact]
    public void A_withdrawn_record_is_flagged()
    {
        var record = Store.GetAdvisory("GO-2024-2730");
        Assert.NotNull(record);
        Assert.True(record.Withdrawn);
        Assert.Null(record.Published); // the Go database writes the zero time for "unknown"
        Assert.Contains(Store.FindAffected("Go", "github.com/gorilla/sessions"), a => a.AdvisoryId == "GO-2024-2730" && a.Status == AdvisoryStatus.Affected);
    }

    [SharedDataFact]
    public void Malicious_package_records_keep_exact_versions_and_last_affected_ranges()
    {
        var debug = Assert.Single(Store.FindAffected("npm", "debug"), a => a.AdvisoryId == "MAL-2025-46974");
        Assert.Equal(["4.4.2"], debug.Versions);
        Assert.Empty(debug.Ranges);
        Assert.Equal(AdvisoryStatus.Affected, debug.Status);
        Assert.Equal(AdvisorySources.Malicious, debug.Source);
        Assert.Contains("GHSA-4x49-vf9v-38px", Store.GetAdvisory("MAL-2025-46974")!.Aliases);

        var tinycolor = Assert.Single(Store.FindAffected("npm", "@ctrl/tinycolor"), a => a.AdvisoryId == "MAL-2025-47141");
        Assert.Contains(tinycolor.Ranges, r => r.Type == "SEMVER" && r.Events.SequenceEqual([new RangeEvent("introduced", "4.1.1"), new RangeEvent("last_affected", "4.1.2")]));
    }

    [SharedDataFact]
    public void Rust_crates_are_filed_under_crates_io()
    {
        Assert.Contains(Store.FindAffected("crates.io", "openssl"), a => a.AdvisoryId == "RUSTSEC-2016-0001" && a.Ecosystem == EcosystemNames.CratesIo);
        Assert.Contains(Store.FindAffected("registry-crates.invalid", "openssl"), a => a.AdvisoryId == "RUSTSEC-2016-0001");
    }

    [SharedDataFact]
    public void A_DSA_gives_the_fixed_source_version_for_bullseye_and_aliases_its_CVEs_both_ways()
    {
        var affected = Assert.Single(Store.FindAffected("Debian:11", "xorg-server"), a => a.AdvisoryId == "DSA-5380-1");
        Assert.Equal(AdvisoryStatus.Fixed, affected.Status);
        Assert.Equal(["2:1.20.11-1+deb11u6"], affected.FixedVersions);
        Assert.Equal([new RangeEvent("introduced", "0"), new RangeEvent("fixed", "2:1.20.11-1+deb11u6")], Assert.Single(affected.Ranges).Events);

        var dsa = Store.GetAdvisory("DSA-5380-1");
        Assert.NotNull(dsa);
        Assert.Equal(AdvisorySources.DebianDsa, dsa.Source);
        Assert.Equal(["CVE-2023-1393"], dsa.Aliases);
        Assert.Equal(new DateTimeOffset(2023, 3, 29, 0, 0, 0, TimeSpan.Zero), dsa.Published);

        var byCve = Store.GetAdvisoriesByAlias("CVE-2023-1393").Select(a => a.Id).ToList();
        Assert.Contains("DSA-5380-1", byCve);
        Assert.Contains("DLA-3372-1", byCve);
        Assert.Contains(Store.GetAdvisoriesByAlias("DSA-5380-1"), a => a.Id == "CVE-2023-1393");
        var cve = Store.GetAdvisory("CVE-2023-1393");
        Assert.NotNull(cve);
        Assert.Contains("DSA-5380-1", cve.Aliases);
        Assert.Contains("DLA-3372-1", cve.Aliases);
        Assert.Equal(5406, Store.Info.AdvisoriesBySource[AdvisorySources.DebianDsa]); // the derived CVE records are not counted
    }

    [SharedDataFact]
    public void Debian_tags_become_statuses_with_notes()
    {
        var lenny = Assert.Single(Store.FindAffected("Debian:5", "openoffice.org"), a => a.AdvisoryId == "DSA-2275-1");
        Assert.Equal(AdvisoryStatus.NotAffected, lenny.Status);
        Assert.Equal("Vulnerable code not present", lenny.Note);
        Assert.Empty(lenny.Ranges);
        var squeeze = Assert.Single(Store.FindAffected("Debian:6", "openoffice.org"), a => a.AdvisoryId == "DSA-2275-1");
        Assert.Equal(["1:3.2.1-11+squeeze3"], squeeze.FixedVersions);

        var eol = Assert.Single(Store.FindAffected("Debian:8", "virtualbox"), a => a.AdvisoryId == "DSA-3699-1");
        Assert.Equal(AdvisoryStatus.EndOfLife, eol.Status);
        Assert.Equal([new RangeEvent("introduced", "0")], Assert.Single(eol.Ranges).Events);
    }

    [SharedDataFact]
    public void An_Alpine_secfix_is_fixed_at_its_version_in_its_release()
    {
        var ansible = Store.FindAffected("Alpine:v3.10", "ansible");
        var fix = Assert.Single(ansible, a => a.AdvisoryId == "CVE-2019-10206");
        Assert.Equal(AdvisoryStatus.Fixed, fix.Status);
        Assert.Equal(["2.8.4-r0"], fix.FixedVersions);
        Assert.Equal([new RangeEvent("introduced", "0"), new RangeEvent("fixed", "2.8.4-r0")], Assert.Single(fix.Ranges).Events);
        Assert.Equal(AdvisorySources.AlpineSecdb, fix.Source);
        Assert.DoesNotContain(Store.FindAffected("Alpine:v3.9", "ansible"), a => a.Ecosystem != "Alpine:v3.9");
        Assert.Contains(Store.GetAdvisoryPerSource("CVE-2019-10206"), r => r.Source == AdvisorySources.AlpineSecdb);
    }

    [SharedDataFact]
    public void Alpine_entries_with_several_ids_keep_the_rest_as_aliases()
    {
        var record = Store.GetAdvisoryPerSource("CVE-2017-8904").Single(r => r.Source == AdvisorySources.AlpineSecdb);
        Assert.Equal(["XSA-214"], record.Aliases);
        Assert.Contains(Store.GetAdvisoriesByAlias("XSA-214"), a => a.Id == "CVE-2017-8904");
    }

    [SharedDataFact]
    public void KEV_entries_are_read()
    {
        var kev = Store.GetKev("CVE-2025-48384");
        Assert.NotNull(kev);
        Assert.Equal(new DateOnly(2025, 8, 25), kev.DateAdded);
        Assert.Equal("Git", kev.VendorProject);
        Assert.Equal("Git Link Following Vulnerability", kev.Name);
        Assert.False(kev.KnownRansomware);
        Assert.True(Store.GetKev("CVE-2025-49704")!.KnownRansomware);
        Assert.Null(Store.GetKev("CVE-1999-0000"));
    }

    [SharedDataFact]
    public void Concurrent_readers_see_the_same_answers()
    {
        var expected = Store.FindAffected("PyPI", "django").Count;
        Assert.True(expected > 100);
        var counts = new int[64];
        Parallel.For(0, counts.Length, i => counts[i] = Store.FindAffected("PyPI", "Django").Count);
        Assert.All(counts, c => Assert.Equal(expected, c));
    }

    [SharedDataFact]
    public void Every_summary_says_what_its_records_say_to_a_finding()
    {
        List<string> ids;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Store.Path};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT id FROM advisories ORDER BY id";
            using var reader = command.ExecuteReader();
            ids = [];
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        Assert.True(ids.Count > 20000);
        var summaries = Store.GetSummaries(ids);
        var records = Store.GetAdvisoriesPerSource(ids);
        Assert.Equal(ids.Count, summaries.Count);
        var withMore = 0;
        foreach (var id in ids)
        {
            var perSource = records[id];
            AssertSummarises(AdvisoryStore.Merge(id, perSource)!, summaries[id].Merged);
            foreach (var record in perSource)
            {
                AssertSummarises(record, summaries[id].For(record.Source));
            }

            AssertSummarises(AdvisoryStore.Merge(id, perSource)!, summaries[id].For("no-such-source"));
            withMore += perSource.Count > 1 ? 1 : 0;
        }

        Assert.True(withMore > 1000);
    }

    private static void AssertSummarises(AdvisoryRecord record, AdvisoryRecord summary)
    {
        Assert.Equal((record.Id, record.Source, record.Title, record.Withdrawn), (summary.Id, summary.Source, summary.Title, summary.Withdrawn));
        Assert.Equal(record.Aliases, summary.Aliases);
        Assert.Equal(record.Severities, summary.Severities);
        Assert.Equal(record.References.Distinct(StringComparer.Ordinal).Take(AdvisorySummaryCodec.MaxReferences), summary.References);
    }
}
