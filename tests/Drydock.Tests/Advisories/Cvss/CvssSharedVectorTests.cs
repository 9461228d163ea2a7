using System.Globalization;
using Drydock.Advisories.Cvss;
using Drydock.Tests.Fixtures;
using Xunit.Abstractions;

namespace Drydock.Tests.Advisories.Cvss;

/// <summary>
/// Every row of every TSV in ../shared/testdata/cvss (columns per its PROVENANCE.md): one fact per file, all mismatches
/// of a file reported in one assertion message.
/// </summary>
public sealed class CvssSharedVectorTests(ITestOutputHelper output)
{
    /// <summary>The files this class checks; a new TSV in the folder fails <see cref="Every_shared_file_is_checked"/> until listed.</summary>
    private static readonly string[] Files =
    [
        "go-cvss_cvss20_TestScores.tsv", "go-cvss_cvss30_TestScores.tsv", "go-cvss_cvss31_TestScores.tsv", "go-cvss_cvss40_TestScore.tsv",
        "redhat-cvss_vectors_calculator2.tsv", "redhat-cvss_vectors_calculator3.tsv", "redhat-cvss_vectors_cvsslib2.tsv",
        "redhat-cvss_vectors_cvsslib3.tsv", "redhat-cvss_vectors_security4.tsv", "redhat-cvss_vectors_simple2.tsv",
        "redhat-cvss_vectors_simple3.tsv", "redhat-cvss_vectors_simple31.tsv", "redhat-cvss_vectors_simple4.tsv",
        "redhat-cvss_vectors_supplemental4.tsv", "redhat-cvss_vectors_threat4.tsv",
    ];

    [SharedDataFact]
    public void Every_shared_file_is_checked()
        => Assert.Equal(
            Files.Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(SharedData.Path("cvss"), "*.tsv").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [SharedDataFact] public void Go_cvss_v2() => Check("go-cvss_cvss20_TestScores.tsv", CvssVersion.V2_0, 3);

    [SharedDataFact] public void Go_cvss_v30() => Check("go-cvss_cvss30_TestScores.tsv", CvssVersion.V3_0, 3);

    [SharedDataFact] public void Go_cvss_v31() => Check("go-cvss_cvss31_TestScores.tsv", CvssVersion.V3_1, 4);

    [SharedDataFact] public void Go_cvss_v40() => Check("go-cvss_cvss40_TestScore.tsv", CvssVersion.V4_0, 14);

    [SharedDataFact] public void Redhat_calculator2() => Check("redhat-cvss_vectors_calculator2.tsv", CvssVersion.V2_0, 5);

    [SharedDataFact] public void Redhat_calculator3() => Check("redhat-cvss_vectors_calculator3.tsv", CvssVersion.V3_0, 2);

    [SharedDataFact] public void Redhat_cvsslib2() => Check("redhat-cvss_vectors_cvsslib2.tsv", CvssVersion.V2_0, 24);

    [SharedDataFact] public void Redhat_cvsslib3() => Check("redhat-cvss_vectors_cvsslib3.tsv", null, 29);

    [SharedDataFact] public void Redhat_simple2() => Check("redhat-cvss_vectors_simple2.tsv", CvssVersion.V2_0, 729);

    [SharedDataFact] public void Redhat_simple3() => Check("redhat-cvss_vectors_simple3.tsv", CvssVersion.V3_0, 2592);

    [SharedDataFact] public void Redhat_simple31() => Check("redhat-cvss_vectors_simple31.tsv", CvssVersion.V3_1, 2592);

    [SharedDataFact] public void Redhat_simple4() => Check("redhat-cvss_vectors_simple4.tsv", CvssVersion.V4_0, 1058);

    [SharedDataFact] public void Redhat_security4() => Check("redhat-cvss_vectors_security4.tsv", CvssVersion.V4_0, 54);

    [SharedDataFact] public void Redhat_supplemental4() => Check("redhat-cvss_vectors_supplemental4.tsv", CvssVersion.V4_0, 576);

    [SharedDataFact] public void Redhat_threat4() => Check("redhat-cvss_vectors_threat4.tsv", CvssVersion.V4_0, 6);

    /// <summary>
    /// v2/v3 rows: vector, base, temporal, environmental ("None" = not given). v4 rows: vector, score of all metrics
    /// (CVSS-B/BT/BE/BTE), and optionally the nomenclature.
    /// </summary>
    private void Check(string file, CvssVersion? version, int expectedRows)
    {
        var mismatches = new List<string>();
        var rows = 0;
        var compared = 0;
        foreach (var line in File.ReadLines(SharedData.Path("cvss", file)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            rows++;
            var cols = line.Split('\t');
            if (!CvssVector.TryParse(cols[0], out var v))
            {
                mismatches.Add($"{cols[0]}: refused");
                continue;
            }

            if (version is { } expectedVersion && v.Version != expectedVersion)
            {
                mismatches.Add($"{cols[0]}: version {v.Version}");
            }

            var problems = new List<string>();
            if (v.Version == CvssVersion.V4_0)
            {
                Compare(problems, "score", cols[1], v.Score);
                if (cols.Length > 2 && cols[2] != v.Nomenclature)
                {
                    problems.Add($"nomenclature {v.Nomenclature} != {cols[2]}");
                }

                if (v.Nomenclature == "CVSS-B")
                {
                    Compare(problems, "base", cols[1], v.BaseScore);
                }
            }
            else
            {
                Compare(problems, "base", cols[1], v.BaseScore);
                Compare(problems, "temporal", cols[2], v.TemporalScore);
                Compare(problems, "environmental", cols[3], v.EnvironmentalScore);
            }

            if (problems.Count > 0)
            {
                mismatches.Add($"{cols[0]}: {string.Join("; ", problems)}");
            }
            else
            {
                compared++;
            }
        }

        output.WriteLine($"{file}: {compared}/{rows} rows match");
        Assert.True(mismatches.Count == 0, $"{file}: {mismatches.Count} of {rows} rows differ:\n{string.Join('\n', mismatches.Take(200))}");
        Assert.Equal(expectedRows, rows);
    }

    private static void Compare(List<string> problems, string what, string expected, double? actual)
    {
        if (expected == "None")
        {
            return;
        }

        var want = double.Parse(expected, CultureInfo.InvariantCulture);
        if (actual is not { } got || Math.Abs(got - want) > 1e-9)
        {
            problems.Add($"{what} {actual?.ToString(CultureInfo.InvariantCulture) ?? "null"} != {expected}");
        }
    }
}
