using Drydock.Tests.Fixtures;
using Drydock.Versions;

namespace Drydock.Tests.Versions;

/// <summary>Every vector under ../shared/testdata/version-compare (transcribed from the upstream tools' own tests), one fact per file.</summary>
public sealed class VersionVectorTests
{
    [SharedDataTheory]
    [InlineData(VersionScheme.Dpkg, 43, "dpkg", "dpkg_perl_Dpkg_Version.tsv")]
    [InlineData(VersionScheme.Dpkg, 36, "dpkg", "dpkg_perl_sorted_list_pairs.tsv")]
    [InlineData(VersionScheme.Dpkg, 12, "dpkg", "dpkg_c_t-version.tsv")]
    [InlineData(VersionScheme.Rpm, 91, "rpm", "rpm_rpmvercmp_at.tsv")]
    [InlineData(VersionScheme.Maven, 1643, "maven", "maven_ComparableVersionTest.tsv")]
    [InlineData(VersionScheme.Pep440, 8465, "pep440", "pep440_packaging_test_version.tsv")]
    [InlineData(VersionScheme.SemVer, 70, "semver", "semver_spec_precedence.tsv")]
    [InlineData(VersionScheme.Cargo, 70, "semver", "semver_spec_precedence.tsv")]
    [InlineData(VersionScheme.NuGet, 70, "semver", "semver_spec_precedence.tsv")]
    [InlineData(VersionScheme.RubyGems, 24, "rubygems", "rubygems_test_gem_version.tsv")]
    [InlineData(VersionScheme.Dpkg, 12, "peer", "grype", "deb_version__TestDebVersion_Compare_Epochs.tsv")]
    [InlineData(VersionScheme.RubyGems, 39, "peer", "grype", "gem_version__TestGemVersion_Compare.tsv")]
    public void Comparison_file_matches(VersionScheme scheme, int rows, params string[] path)
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv(path))
        {
            check.CheckCompare(scheme, row[0], row[1], int.Parse(row[2]));
        }

        check.AssertAllPassed(rows);
    }

    [SharedDataFact]
    public void Dpkg_parse_splits_epoch_upstream_and_revision()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("dpkg", "dpkg_c_parse.tsv"))
        {
            var ok = DpkgVersion.TryParse(row[0], out var v);
            check.Check(ok && v!.IsPolicyCompliant && v.Epoch == row[1] && v.Upstream == row[2] && v.Revision == (row.Length > 3 ? row[3] : ""),
                $"'{row[0]}' parsed as {(ok ? $"{v!.Epoch}|{v.Upstream}|{v.Revision}" : "invalid")}");
        }

        check.AssertAllPassed(14);
    }

    [SharedDataFact]
    public void Dpkg_rejects_parse_errors_and_flags_warnings()
    {
        var check = new VectorRows();
        var json = VectorRows.Json("dpkg", "dpkg_c_parse_rejected.json");
        foreach (var item in json.GetProperty("parse_error").EnumerateArray())
        {
            var text = item.GetString()!;
            check.Check(!DpkgVersion.TryParse(text, out _), $"parse_error: '{text}' was accepted");
        }

        foreach (var item in json.GetProperty("parse_warning_invalid_syntax").EnumerateArray())
        {
            var text = item.GetString()!;
            var ok = DpkgVersion.TryParse(text, out var v);
            check.Check(ok && !v!.IsPolicyCompliant, $"parse_warning: '{text}' should parse as not policy-compliant");
        }

        check.AssertAllPassed(63);
    }

    [SharedDataFact]
    public void Apk_comparisons_match_apk_tools_including_invalid_strings()
    {
        var check = new VectorRows();
        var both = 0;
        foreach (var row in VectorRows.Tsv("apk", "apk_version_data_compare.tsv"))
        {
            var expected = int.Parse(row[2]);
            check.Check(ApkVersion.CompareText(row[0], row[1]) == expected, $"CompareText '{row[0]}' vs '{row[1]}' expected {expected}");
            if (ApkVersion.TryParse(row[0], out _) && ApkVersion.TryParse(row[1], out _))
            {
                both++;
                check.CheckCompare(VersionScheme.Apk, row[0], row[1], expected);
            }
        }

        Assert.True(both > 600, $"only {both} rows had two valid versions");
        check.AssertAllPassed(738);
    }

    [SharedDataFact]
    public void Apk_validity_matches_apk_tools()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("apk", "apk_version_data_validity.tsv"))
        {
            check.Check(ApkVersion.TryParse(row[0], out _) == (row[1] == "valid"), $"'{row[0]}' should be {row[1]}");
        }

        // The file's first line is the empty version ("!"), which the line filter drops; check it here.
        check.Check(!ApkVersion.TryParse("", out _), "the empty version should be invalid");
        check.AssertAllPassed(31);
    }

    [SharedDataFact]
    public void Apk_fuzzy_operators_match_apk_tools()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("apk", "apk_version_data_fuzzy.tsv"))
        {
            var (a, op, b) = (row[0], row[1], row[2]);
            var negate = op.StartsWith('!');
            var fuzzy = ApkVersion.FuzzyMatches(a, b);
            var c = ApkVersion.CompareText(a, b);
            var holds = op.TrimStart('!') switch
            {
                "~" => fuzzy,
                "<~" => fuzzy || c < 0,
                ">~" => fuzzy || c > 0,
                _ => throw new InvalidDataException(op),
            };
            check.Check(holds != negate, $"'{a}' {op} '{b}'");
        }

        check.AssertAllPassed(16);
    }

    [SharedDataFact]
    public void Maven_canonical_forms_match()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("maven", "maven_ComparableVersionTest_canonical.tsv"))
        {
            Assert.True(MavenVersion.TryParse(row[0], out var v));
            check.Check(v.Canonical == row[1], $"'{row[0]}' canonical '{v.Canonical}', expected '{row[1]}'");
        }

        check.AssertAllPassed(2);
    }

    [SharedDataFact]
    public void Pep440_normalises_as_packaging()
    {
        var check = new VectorRows();
        foreach (var item in VectorRows.Json("pep440", "pep440_packaging_normalization.json").EnumerateArray())
        {
            var input = item.GetProperty("input").GetString()!;
            var expected = item.GetProperty("normalized").GetString()!;
            var ok = Pep440Version.TryParse(input, out var v);
            check.Check(ok && v!.ToString() == expected, $"'{input}' gave '{(ok ? v!.ToString() : "invalid")}', expected '{expected}'");
        }

        check.AssertAllPassed(149);
    }

    [SharedDataFact]
    public void Pep440_rejects_invalid_versions()
    {
        var check = new VectorRows();
        foreach (var item in VectorRows.Json("pep440", "pep440_packaging_invalid.json").EnumerateArray())
        {
            var input = item.GetString()!;
            check.Check(!Pep440Version.TryParse(input, out _), $"'{input}' was accepted");
        }

        check.AssertAllPassed(20);
    }

    [SharedDataFact]
    public void Pep440_sorted_list_sorts_back_into_itself()
    {
        var expected = File.ReadAllLines(SharedData.Path("version-compare", "pep440", "pep440_packaging_VERSIONS_sorted.txt")).Where(l => l.Length > 0).ToArray();
        var comparer = VersionSchemes.For<Pep440Version>(VersionScheme.Pep440);
        var parsed = expected.Reverse().Select(t => Assert.IsType<Pep440Version>(comparer.Parse(t))).ToList();
        parsed.Sort(comparer);
        Assert.Equal(92, expected.Length);
        Assert.Equal(expected, parsed.Select(v => v.Original));
    }

    [SharedDataFact]
    public void Node_semver_strict_comparisons_match()
    {
        var check = new VectorRows();
        var loose = 0;
        foreach (var row in VectorRows.Tsv("semver", "node-semver_comparisons_equality.tsv"))
        {
            if (row[3] == "loose")
            {
                loose++;
                continue;
            }

            check.CheckCompare(VersionScheme.Npm, row[0], row[1], int.Parse(row[2]));
        }

        Assert.Equal(58, loose);
        check.AssertAllPassed(41);
    }

    [SharedDataTheory]
    [InlineData("node-semver_range-include.json", 100)]
    [InlineData("node-semver_range-exclude.json", 70)]
    public void Node_semver_ranges_match(string file, int minimum)
    {
        var check = new VectorRows();
        foreach (var item in VectorRows.Json("semver", file).EnumerateArray())
        {
            var options = item.TryGetProperty("options_js", out var o) ? o.GetString()! : "";
            if (IsLoose(options))
            {
                continue;
            }

            var range = item.GetProperty("range").GetString()!;
            var version = item.GetProperty("version").GetString()!;
            var expected = item.GetProperty("satisfies").GetBoolean();
            var includePrerelease = options.Contains("includePrerelease: true", StringComparison.Ordinal);
            var got = NpmRange.TryParse(range, out var r) && r.IsSatisfiedBy(version, includePrerelease);
            check.Check(got == expected, $"'{version}' in '{range}' {options}: got {got}, expected {expected}");
        }

        check.AssertAllPassed(minimum);
    }

    // node-semver's parseOptions: a non-object is loose; an object is loose when its loose key is truthy.
    private static bool IsLoose(string options)
        => options == "true" || options.Contains("loose: true", StringComparison.Ordinal)
            || options.Contains("loose: 123", StringComparison.Ordinal) || options.Contains("loose: 420", StringComparison.Ordinal);

    [SharedDataFact]
    public void Go_comparisons_match_x_mod_semver()
    {
        // x/mod/semver sorts every invalid version equal to each other and below all valid ones.
        var check = new VectorRows();
        var comparer = VersionSchemes.For(VersionScheme.Go);
        foreach (var row in VectorRows.Tsv("go", "go_x_mod_semver_Compare.tsv"))
        {
            var va = comparer.TryParse(row[0], out var a);
            var vb = comparer.TryParse(row[1], out var b);
            var got = va && vb ? comparer.Compare(a!, b!) : va ? 1 : vb ? -1 : 0;
            check.Check(got == int.Parse(row[2]), $"'{row[0]}' vs '{row[1]}' gave {got}, expected {row[2]}");
        }

        check.AssertAllPassed(1024);
    }

    [SharedDataFact]
    public void Go_canonical_forms_match_x_mod_semver()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("go", "go_x_mod_semver_Canonical.tsv"))
        {
            var expected = row.Length > 1 ? row[1] : "";
            var got = GoModuleVersion.TryParse(row[0], out var v) ? v.ToString() : "";
            check.Check(got == expected, $"'{row[0]}' canonical '{got}', expected '{expected}'");
        }

        check.AssertAllPassed(32);
    }

    [SharedDataFact]
    public void Rpmvercmp_matches_go_rpm_version_cases()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("peer", "go-rpm-version_rpmvercmp_cases.tsv"))
        {
            var got = RpmVersion.VerCmp(row[0], row[1]);
            check.Check(got == int.Parse(row[2]), $"rpmvercmp '{row[0]}' vs '{row[1]}' gave {got}, expected {row[2]}");
        }

        check.AssertAllPassed(4489);
    }

    [SharedDataFact]
    public void Dpkg_matches_go_deb_version_less_than_cases()
    {
        var check = new VectorRows();
        foreach (var row in VectorRows.Tsv("peer", "go-deb-version_TestVersion_lessthan.tsv"))
        {
            var less = VersionSchemes.For(VersionScheme.Dpkg).Compare(row[0], row[1]) < 0;
            check.Check(less == (row[3] == "true"), $"'{row[0]}' < '{row[1]}' should be {row[3]}");
        }

        check.AssertAllPassed(12);
    }
}

/// <summary>
/// Grype's own comparison tests (a peer, not an upstream tool): every row matches except the listed ones, where
/// grype departs from the upstream tool on purpose and we follow the upstream tool.
/// </summary>
public sealed class GrypePeerVectorTests
{
    [SharedDataTheory]
    [InlineData(VersionScheme.Rpm, "rpm_version__TestRpmVersion_Compare.tsv")]
    [InlineData(VersionScheme.Go, "golang_version__TestGolangVersion_Compare.tsv")]
    [InlineData(VersionScheme.Maven, "maven_version__TestMavenVersion_Compare.tsv")]
    public void Grype_comparisons_match_except_documented_departures(VersionScheme scheme, string file)
    {
        var comparer = VersionSchemes.For(scheme);
        var differing = new List<string>();
        var rows = VectorRows.Tsv("peer", "grype", file);
        foreach (var row in rows)
        {
            var got = comparer.TryParse(row[0], out var a) && comparer.TryParse(row[1], out var b) ? comparer.Compare(a, b).ToString() : "invalid";
            if (got != row[2])
            {
                differing.Add($"{row[0]}|{row[1]}|{row[2]}|{got}");
            }
        }

        Assert.True(rows.Length > 10);
        Assert.Equal(KnownDepartures(file), differing);
    }

    private static string[] KnownDepartures(string file) => file switch
    {
        // grype drops JVM qualifiers (jre11, jdk17); Maven's ComparableVersion orders them as unknown qualifiers after the release.
        "maven_version__TestMavenVersion_Compare.tsv" =>
            ["12.10.2|12.10.2.jre11|0|-1", "12.10.2.jre11|12.10.2|0|1", "12.10.2.jdk17|12.10.2|0|1", "12.10.2.jre11|12.10.2.jdk17|0|1"],
        // grype ignores both epochs when only one side has one; rpm.vercmp reads a missing epoch as 0 (checked against rpm above).
        "rpm_version__TestRpmVersion_Compare.tsv" =>
            ["1:0|1|-1|1", "2:4.19.01-1.el7_5|4.19.1-1.el7_5|0|1", "4.19.01-1.el7_5|2:4.19.1-1.el7_5|0|-1", "4.19.0-1.el7_5|12:4.19.0-1.el7|1|-1", "3:4.19.0-1.el7_5|4.21.0-1.el7|-1|1"],
        _ => [],
    };
}
