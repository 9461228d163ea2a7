using System.Globalization;
using System.Text.Json;
using Drydock.Analysis.Packages;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Packages.Rpm;

/// <summary>The peers' rpm database fixtures (go-rpmdb: ndb, SQLite, Berkeley DB hash; Syft: Berkeley DB hash)
/// parse to the packages their tests expect.</summary>
public sealed class RpmFixtureTests
{
    private static JsonElement GoRpmdbFixture(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("package-fixtures", "go-rpmdb", "expected.json")));
        return doc.RootElement.GetProperty("fixtures").GetProperty(name).Clone();
    }

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>The facts go-rpmdb's expectations give, in our record's terms, as one comparable line.</summary>
    private static string Expected(JsonElement p)
    {
        var epoch = p.TryGetProperty("Epoch", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32().ToString(CultureInfo.InvariantCulture) : "";
        return string.Join('|', Str(p, "Name"), $"{Str(p, "Version")}-{Str(p, "Release")}", epoch, Str(p, "Arch"), Str(p, "SourceRpm"),
            Str(p, "License"), Str(p, "Vendor"), Str(p, "Modularitylabel"), Str(p, "Summary"),
            p.GetProperty("Size").GetInt64().ToString(CultureInfo.InvariantCulture), Str(p, "SigMD5"));
    }

    private static string Actual(PackageRecord p)
        => string.Join('|', p.Name, p.Version, p.Epoch?.ToString(CultureInfo.InvariantCulture) ?? "", p.Arch, p.Metadata.GetValueOrDefault("sourcerpm"),
            p.Licenses.SingleOrDefault(), p.Supplier, p.Metadata.GetValueOrDefault("modularitylabel"), p.Metadata.GetValueOrDefault("summary"),
            p.Metadata.GetValueOrDefault("size"), p.Metadata.GetValueOrDefault("sigmd5"));

    [SharedDataFact]
    public void Sle15_ndb_lists_every_package_go_rpmdb_lists()
    {
        var fixture = GoRpmdbFixture("sle15-bci/Packages.db");
        var result = RpmDb.Analyse("usr/lib/sysimage/rpm/Packages.db",
            File.ReadAllBytes(SharedData.Path("package-fixtures", "go-rpmdb", "sle15-bci", "Packages.db")));

        Assert.Empty(result.Warnings);
        var expected = fixture.GetProperty("package_list").EnumerateArray().Select(Expected).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(35, expected.Count);
        Assert.Equal(expected, result.Packages.Select(Actual).Order(StringComparer.Ordinal).ToList());
        Assert.All(result.Packages, p => Assert.Equal(("rpm", "usr/lib/sysimage/rpm/Packages.db"), (p.Type, p.SourcePath)));
        var glibc = result.Packages.Single(p => p.Name == "glibc");
        Assert.Equal(("glibc", "2.31-9.3.2"), (glibc.SourceName, glibc.SourceVersion));
        Assert.Contains("lib64/libc.so.6", glibc.InstalledFiles);
        var pcre = result.Packages.Single(p => p.Name == "libpcre1");
        Assert.Equal(("pcre", "8.45-20.10.1"), (pcre.SourceName, pcre.SourceVersion));
    }

    [SharedDataTheory]
    [InlineData("cbl-mariner-2.0/rpmdb.sqlite", "var/lib/rpm/rpmdb.sqlite", 129)]
    [InlineData("libuuid/Packages", "var/lib/rpm/Packages", 1)]
    public void Single_package_with_its_files(string fixtureName, string imagePath, int packageCount)
    {
        var fixture = GoRpmdbFixture(fixtureName);
        var result = RpmDb.Analyse(imagePath, File.ReadAllBytes(SharedData.Path(["package-fixtures", "go-rpmdb", .. fixtureName.Split('/')])));

        // 129 = `rpm -qa --nodigest --nosignature` on this DB (rpm 4.18); with digest checks rpm skips three headers
        // whose stored digests do not match, which we do not verify (neither do go-rpmdb and Trivy).
        Assert.Empty(result.Warnings);
        Assert.Equal(packageCount, result.Packages.Count);
        foreach (var want in fixture.GetProperty("single_package").EnumerateArray())
        {
            var expected = want.GetProperty("want");
            var actual = result.Packages.Single(p => p.Name == want.GetProperty("pkgName").GetString());
            Assert.Equal(Expected(expected), Actual(actual));
            var files = want.GetProperty("wantInstalledFileNames").EnumerateArray().Select(f => f.GetString()!.TrimStart('/')).Order(StringComparer.Ordinal);
            Assert.Equal(files, actual.InstalledFiles);
        }
    }

    [SharedDataFact]
    public void Syft_redhat_bdb_yields_dive()
    {
        var result = RpmDb.Analyse("var/lib/rpm/Packages", File.ReadAllBytes(SharedData.Path("package-fixtures", "syft", "redhat-rpmdb", "Packages")));

        Assert.Empty(result.Warnings);
        var dive = Assert.Single(result.Packages);
        Assert.Equal(("dive", "0.9.2-1", null, "x86_64"), (dive.Name, dive.Version, dive.Epoch, dive.Arch));
        Assert.Equal(("dive", "0.9.2-1"), (dive.SourceName, dive.SourceVersion));
        Assert.Equal(["MIT"], dive.Licenses);
        Assert.Null(dive.Supplier);
        Assert.Equal("12406784", dive.Metadata["size"]);
        Assert.False(dive.Metadata.ContainsKey("modularitylabel"));
        Assert.Equal(["usr/local/bin/dive"], dive.InstalledFiles);
    }
}
