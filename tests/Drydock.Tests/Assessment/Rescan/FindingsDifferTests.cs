using Drydock.Assessment.Rescan;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Tests.Assessment.Rescan;

/// <summary>The diff of two finding lists: keyed by package (purl and path) and id, in a stable order whatever the input order.</summary>
public sealed class FindingsDifferTests
{
    private static VulnerabilityReport Finding(string name, string version, string id, string severity = "high", string status = "fixed", string path = "/app")
        => new()
        {
            Id = id,
            Package = new PackageRef("npm", null, name, version, $"pkg:npm/{name}@{version}", path),
            InstalledVersion = version,
            Status = status,
            Severity = severity,
            SeveritySource = "test",
        };

    [Fact]
    public void Added_removed_severity_and_status_changes_per_package_in_order()
    {
        List<VulnerabilityReport> before =
        [
            Finding("zlib", "1", "CVE-2"), Finding("zlib", "1", "CVE-1", "low"),
            Finding("acorn", "2", "CVE-9", status: "unfixed"), Finding("same", "1", "CVE-5"),
        ];
        List<VulnerabilityReport> after =
        [
            Finding("zlib", "1", "CVE-1", "critical"), Finding("zlib", "1", "CVE-3"),
            Finding("acorn", "2", "CVE-9", status: "fixed"), Finding("same", "1", "CVE-5"),
            Finding("new", "1", "GHSA-b"), Finding("new", "1", "GHSA-a"),
        ];

        var diff = FindingsDiffer.Compare(before, after);

        Assert.Equal(["pkg:npm/acorn@2", "pkg:npm/new@1", "pkg:npm/zlib@1"], diff.Packages.Select(p => p.Package.Purl));
        var acorn = diff.Packages[0];
        Assert.Equal([new FindingChange("CVE-9", "unfixed", "fixed")], acorn.StatusChanged);
        Assert.Equal(["GHSA-a", "GHSA-b"], diff.Packages[1].Added);
        var zlib = diff.Packages[2];
        Assert.Equal(["CVE-3"], zlib.Added);
        Assert.Equal(["CVE-2"], zlib.Removed);
        Assert.Equal([new FindingChange("CVE-1", "low", "critical")], zlib.SeverityChanged);
        Assert.Equal((3, 1, 2), (diff.Added, diff.Removed, diff.Changed));

        // The same lists in another order give the same diff.
        var shuffled = FindingsDiffer.Compare([.. before.AsEnumerable().Reverse()], [.. after.AsEnumerable().Reverse()]);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(diff), System.Text.Json.JsonSerializer.Serialize(shuffled));
    }

    [Fact]
    public void The_same_package_at_two_paths_is_two_packages_and_equal_lists_are_no_change()
    {
        var one = Finding("lodash", "4.17.20", "CVE-1", path: "/a");
        var two = Finding("lodash", "4.17.20", "CVE-1", path: "/b");
        var diff = FindingsDiffer.Compare([one], [one, two]);
        var change = Assert.Single(diff.Packages);
        Assert.Equal("/b", change.Package.Path);
        Assert.True(FindingsDiffer.Compare([one, two], [two, one]).IsEmpty);
        Assert.True(FindingsDiffer.Compare([], []).IsEmpty);
    }
}
