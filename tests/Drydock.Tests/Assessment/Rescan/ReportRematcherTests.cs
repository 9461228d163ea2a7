using System.Text;
using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Analysis.Content;
using Drydock.Assessment.Rescan;
using Drydock.Detection.Malware;
using Drydock.Detection.Vulnerabilities;
using Drydock.Reporting;
using Drydock.Reporting.Json;
using Drydock.Reporting.Vulnerabilities;
using Drydock.Tests.Detection;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Assessment.Rescan;

/// <summary>A stored report of the real node test image (express 4.18.2 among 83 packages) matched again against
/// databases built from real advisories: the one advisory added for a package the image carries is the one finding
/// added; one for a package it does not carry changes nothing; the same database twice changes nothing.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class ReportRematcherTests(TestImages images, RescanDatabases databases) : IClassFixture<RescanDatabases>
{
    // Scanned once with the "before" database and stored as JSON, as a crawl stores it; read back for every test.
    private static readonly SemaphoreSlim StoredLock = new(1, 1);
    private static string? _storedJson;

    private async Task<ScanReport> StoredAsync()
    {
        await StoredLock.WaitAsync();
        try
        {
            if (_storedJson is null)
            {
                var result = await ImageScans.ScanAsync(images, "node", Scanners.All);
                using var store = RescanDatabases.Open(databases.Before);
                var report = await ReportAssembler.AssembleAsync(result, new ReportSteps { Scanners = Scanners.All, Advisories = store }, DateTimeOffset.UnixEpoch, CancellationToken.None);
                using var buffer = new MemoryStream();
                JsonReportWriter.Write(report, buffer);
                _storedJson = Encoding.UTF8.GetString(buffer.ToArray());
            }

            return JsonReportWriter.Read(_storedJson);
        }
        finally
        {
            StoredLock.Release();
        }
    }

    private static RematchResult Rematch(ScanReport report, string database)
    {
        using var store = RescanDatabases.Open(database);
        return ReportRematcher.Rematch(report, new VulnerabilityMatcher(store));
    }

    private static string Json(ScanReport report)
    {
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<string> Keys(IEnumerable<VulnerabilityReport> findings)
        => [.. findings.Select(v => $"{v.Package.Purl} {v.Package.Path} {v.Id} {v.Severity}").Order(StringComparer.Ordinal)];

    [SharedDataFact]
    public async Task An_advisory_for_a_package_the_image_carries_adds_exactly_that_finding()
    {
        var stored = await StoredAsync();
        Assert.Contains(stored.Packages, p => p.Name == "express" && p.Version == "4.18.2");
        Assert.DoesNotContain(stored.Vulnerabilities, v => v.Id == RescanDatabases.ExpressCve);
        Assert.NotEmpty(stored.Vulnerabilities); // the Go standard library's findings, from go-vulndb

        var result = Rematch(stored, databases.WithExpress);

        Assert.True(result.Matched);
        var change = Assert.Single(result.Diff.Packages);
        Assert.Equal(("express", "4.18.2"), (change.Package.Name, change.Package.Version));
        Assert.Equal([RescanDatabases.ExpressCve], change.Added);
        Assert.Empty(change.Removed);
        Assert.Empty(change.SeverityChanged);
        Assert.Empty(change.StatusChanged);
        Assert.Equal((1, 0, 0), (result.Diff.Added, result.Diff.Removed, result.Diff.Changed));

        var added = Assert.Single(result.Report.Vulnerabilities, v => v.Id == RescanDatabases.ExpressCve);
        Assert.Equal(["4.19.2"], added.FixedVersions); // the 5.0.0 range does not hold 4.18.2
        Assert.Equal("medium", added.Severity);
        Assert.Contains("GHSA-rv95-896h-c2vc", added.Aliases);
        Assert.Equal(stored.Packages.Single(p => p.Name == "express").Layer, added.Layer);

        // Every other finding is the stored one, unchanged.
        Assert.Equal(
            stored.Vulnerabilities.Select(v => Json(stored with { Vulnerabilities = [v] })),
            result.Report.Vulnerabilities.Where(v => v.Id != RescanDatabases.ExpressCve).Select(v => Json(stored with { Vulnerabilities = [v] })));

        // Nothing but the vulnerabilities changed.
        Assert.Equal(Json(stored with { Vulnerabilities = [] }), Json(result.Report with { Vulnerabilities = [] }));
    }

    private static List<string> MalwareKeys(ScanReport report)
        => [.. report.Malware.Select(m => $"{m.RuleId} {m.Category} {m.Path} {m.Layer} {m.Package} {m.Title} {m.FromBase} {m.Deleted} " +
                                          string.Join(",", m.Evidence.Select(e => $"{e.Kind}={e.Value}")))];

    [SharedDataFact]
    public async Task A_new_malicious_package_record_gives_the_findings_and_verdict_a_scan_with_it_gives()
    {
        var stored = await StoredAsync();
        Assert.DoesNotContain(stored.Malware, m => m.Package == "pkg:npm/express@4.18.2");
        Assert.NotEqual(VerdictKind.Malicious, stored.Verdict!.Verdict);

        var result = Rematch(stored, databases.WithMalware);

        Assert.True(result.Diff.IsEmpty); // the malware scanner ran: MAL- records are malware findings, not vulnerabilities
        Assert.True(result.Changed);
        var added = Assert.Single(result.Malware!.Added);
        Assert.Equal((ThreatCategory.MaliciousNpmPackage, MaliciousPackageDetector.OsvRule, "pkg:npm/express@4.18.2", "/app/node_modules/express/package.json"),
            (added.Category, added.RuleId, added.Package, added.Path));
        Assert.Equal([RescanDatabases.MaliciousId], added.Advisories);
        Assert.Equal((stored.Verdict.Verdict, VerdictKind.Malicious), (result.Malware.VerdictBefore!.Verdict, result.Malware.VerdictAfter!.Verdict));
        Assert.Contains(ThreatCategory.MaliciousNpmPackage, result.Report.Verdict!.Categories);

        // Exactly what a scan of the image with that database reports: the same findings in the same order, the same verdict.
        var scan = await ImageScans.ScanAsync(images, "node", Scanners.All);
        using (var store = RescanDatabases.Open(databases.WithMalware))
        {
            var scanned = await ReportAssembler.AssembleAsync(scan, new ReportSteps { Scanners = Scanners.All, Advisories = store }, DateTimeOffset.UnixEpoch, CancellationToken.None);
            Assert.Equal(MalwareKeys(scanned), MalwareKeys(result.Report));
            Assert.Equal(scanned.Verdict!.Verdict, result.Report.Verdict.Verdict);
            Assert.Equal(scanned.Verdict.Categories, result.Report.Verdict.Categories);
        }

        // Matched again with the same database: nothing; without the record: the finding goes and the verdict is back.
        Assert.False(Rematch(result.Report, databases.WithMalware).Changed);
        var back = Rematch(result.Report, databases.Before);
        Assert.Equal("pkg:npm/express@4.18.2", Assert.Single(back.Malware!.Removed).Package);
        Assert.Equal(Json(stored), Json(back.Report));
    }

    [SharedDataFact]
    public async Task An_advisory_for_a_package_the_image_does_not_carry_changes_nothing()
    {
        var stored = await StoredAsync();
        Assert.DoesNotContain(stored.Packages, p => p.Name.Contains("jquery", StringComparison.Ordinal));

        var result = Rematch(stored, databases.WithJquery);

        Assert.True(result.Matched);
        Assert.True(result.Diff.IsEmpty);
        Assert.Equal(Json(stored), Json(result.Report));
    }

    [SharedDataFact]
    public async Task Rematching_is_idempotent_and_a_withdrawn_advisory_is_a_removed_finding()
    {
        var stored = await StoredAsync();
        Assert.True(Rematch(stored, databases.Before).Diff.IsEmpty);
        Assert.Equal(Json(stored), Json(Rematch(stored, databases.Before).Report));

        var newer = Rematch(stored, databases.WithExpress).Report;
        var again = Rematch(newer, databases.WithExpress);
        Assert.True(again.Diff.IsEmpty);
        Assert.Equal(Json(newer), Json(again.Report));

        // Back to the older database: the finding goes, and the report is the stored one again.
        var back = Rematch(newer, databases.Before);
        var change = Assert.Single(back.Diff.Packages);
        Assert.Empty(change.Added);
        Assert.Equal([RescanDatabases.ExpressCve], change.Removed);
        Assert.Equal(Keys(stored.Vulnerabilities), Keys(back.Report.Vulnerabilities));
    }

    [SharedDataFact]
    public async Task A_report_whose_scan_did_not_match_vulnerabilities_is_left_as_it_was()
    {
        var stored = (await StoredAsync()) with { Scanners = ["malware", "secret"], Vulnerabilities = [] };
        var result = Rematch(stored, databases.WithExpress);
        Assert.False(result.Matched);
        Assert.True(result.Diff.IsEmpty);
        Assert.Same(stored, result.Report);
    }

    [SharedDataFact]
    public async Task A_report_scanned_without_a_database_loses_that_warning_once_matched()
    {
        var stored = (await StoredAsync()) with { Vulnerabilities = [] };
        stored = stored with { Warnings = [.. stored.Warnings, new Drydock.Diagnostic("no-advisory-database", "no advisory database at /x: vulnerabilities were not checked")] };

        var result = Rematch(stored, databases.Before);

        Assert.DoesNotContain(result.Report.Warnings, w => w.Code == "no-advisory-database");
        Assert.DoesNotContain(result.Report.Warnings, w => w.Code == "malicious-records-not-matched"); // the rescan matches MAL- records too
        Assert.NotEmpty(result.Report.Vulnerabilities);
        Assert.Equal(result.Report.Vulnerabilities.Count, result.Diff.Added);
    }

    [SharedDataFact]
    public async Task A_stale_not_checked_warning_goes_with_the_rematch_and_while_it_stands_a_policy_fails()
    {
        var stored = await StoredAsync();
        var notChecked = new Drydock.Diagnostic(VulnerabilityMatcher.OsPackagesNotMatched, "3 deb packages were not checked for vulnerabilities: no operating system was detected");
        stored = stored with { Warnings = [.. stored.Warnings, notChecked] };

        // A gate must not pass an image whose OS packages nobody checked.
        Assert.Equal(notChecked.Message, Drydock.Policy.PolicySubjectMapper.From(stored).VulnerabilitiesNotChecked);

        // The stored image's OS is Debian, which the matcher covers: the warning does not come back.
        var result = Rematch(stored, databases.Before);
        Assert.DoesNotContain(result.Report.Warnings, w => w.Code == VulnerabilityMatcher.OsPackagesNotMatched);
        Assert.Null(Drydock.Policy.PolicySubjectMapper.From(result.Report).VulnerabilitiesNotChecked);
    }

    [SharedDataFact]
    public async Task The_matchers_warnings_replace_the_stored_ones_in_place()
    {
        var stored = await StoredAsync();
        var odd = stored.Packages.First(p => p.Type == "npm") with
        {
            Name = "left-pad", Version = "not a version", Purl = "pkg:npm/left-pad@not-a-version", Path = "/app/node_modules/left-pad/package.json",
        };
        var unparsable = new Drydock.Diagnostic("unparsable-version", "stale", odd.Path);
        stored = stored with
        {
            Packages = [.. stored.Packages, odd],
            Warnings = [new Drydock.Diagnostic("first", "kept"), unparsable, new Drydock.Diagnostic("last", "kept")],
        };

        var result = Rematch(stored, databases.Before);

        // The stale warning's place now holds the matcher's own (the image has another package it cannot read).
        var codes = result.Report.Warnings.Select(w => w.Code).ToList();
        Assert.Equal(("first", "last"), (codes[0], codes[^1]));
        Assert.All(codes[1..^1], c => Assert.Equal("unparsable-version", c));
        Assert.Contains(result.Report.Warnings, w => w.Message.Contains("left-pad", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Report.Warnings, w => w.Message == "stale");
        Assert.Equal(Json(result.Report), Json(Rematch(result.Report, databases.Before).Report));
    }
}
