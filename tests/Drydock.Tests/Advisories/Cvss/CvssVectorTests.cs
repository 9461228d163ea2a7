using Drydock.Advisories.Cvss;

namespace Drydock.Tests.Advisories.Cvss;

public sealed class CvssVectorTests
{
    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", CvssVersion.V2_0, 7.5)]
    [InlineData("(AV:N/AC:L/Au:N/C:P/I:P/A:P)", CvssVersion.V2_0, 7.5)]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", CvssVersion.V2_0, 7.5)]
    [InlineData("A:P/I:P/C:P/Au:N/AC:L/AV:N", CvssVersion.V2_0, 7.5)]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CvssVersion.V3_0, 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CvssVersion.V3_1, 9.8)]
    [InlineData("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", CvssVersion.V3_1, 9.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/MAV:X", CvssVersion.V3_1, 9.8)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CvssVersion.V4_0, 9.3)]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/S:N/U:Red", CvssVersion.V4_0, 9.3)]
    public void Valid_vectors_are_read_with_their_version_and_base_score(string vector, CvssVersion version, double baseScore)
    {
        Assert.True(CvssVector.TryParse(vector, out var v));
        Assert.Equal(version, v.Version);
        Assert.Equal(baseScore, v.BaseScore);
        Assert.Equal(vector, v.Vector);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CVSS:3.1/")]
    [InlineData("CVSS:3.1")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // v3 without its prefix
    [InlineData("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // unknown version
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // prefix is case-sensitive
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")] // A missing
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // duplicate
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:X")] // duplicate optional
    [InlineData("CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // unknown value
    [InlineData("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // values are case-sensitive
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:N")] // unknown metric
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/")] // trailing slash
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:")] // empty value
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CDP:N")] // a v2 metric in v3
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:POC")] // a v2 value in v3
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N")] // SA missing
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N")] // out of the specification's order
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A")] // threat after environmental
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N")] // S is only for MSI/MSA
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N")] // duplicate
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red")] // U values are case-sensitive
    [InlineData("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")] // a v3 body under a v4 prefix
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P")] // v2 A missing
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/A:P")] // v2 duplicate
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:H")] // v2 unknown value
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X")] // v2 spells not-defined ND
    [InlineData("(AV:N/AC:L/Au:N/C:P/I:P/A:P")] // unbalanced parenthesis
    [InlineData("CVSS:2.0/(AV:N/AC:L/Au:N/C:P/I:P/A:P)")]
    [InlineData(" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    public void Invalid_vectors_are_refused(string? vector)
    {
        Assert.False(CvssVector.TryParse(vector, out var v));
        Assert.Null(v);
    }

    [Fact]
    public void Overlong_input_is_refused()
    {
        var vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" + string.Concat(Enumerable.Repeat("/E:X", 300));
        Assert.False(CvssVector.TryParse(vector, out _));
    }

    [Theory]
    [InlineData(10.0, "critical")]
    [InlineData(9.0, "critical")]
    [InlineData(8.9, "high")]
    [InlineData(7.0, "high")]
    [InlineData(6.9, "medium")]
    [InlineData(4.0, "medium")]
    [InlineData(3.9, "low")]
    [InlineData(0.1, "low")]
    [InlineData(0.0, "none")]
    public void Severity_bands_follow_the_v3_and_v4_rating_scale(double score, string severity)
        => Assert.Equal(severity, CvssVector.SeverityOf(score));

    [Theory]
    [InlineData(10.0, "high")]
    [InlineData(7.0, "high")]
    [InlineData(6.9, "medium")]
    [InlineData(4.0, "medium")]
    [InlineData(3.9, "low")]
    [InlineData(0.0, "low")]
    public void V2_severity_bands_follow_nvd(double score, string severity)
        => Assert.Equal(severity, CvssVector.SeverityOfV2(score));

    [Theory]
    [InlineData("AV:N/AC:L/Au:N/C:C/I:C/A:C", "high")] // 10.0: v2 has no critical band
    [InlineData("AV:N/AC:L/Au:N/C:N/I:N/A:N", "low")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "critical")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "none")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H", "high")]
    public void Severity_uses_the_bands_of_the_vector_version(string vector, string severity)
    {
        Assert.True(CvssVector.TryParse(vector, out var v));
        Assert.Equal(severity, v.Severity);
    }

    [Fact]
    public void V4_base_score_ignores_threat_and_environmental_metrics_while_score_uses_them()
    {
        Assert.True(CvssVector.TryParse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U", out var v));
        Assert.Equal(10.0, v.BaseScore);
        Assert.Equal(9.1, v.Score);
        Assert.Equal("CVSS-BT", v.Nomenclature);
        Assert.Null(v.TemporalScore);
        Assert.Null(v.EnvironmentalScore);
    }

    [Fact]
    public void V4_supplemental_metrics_change_neither_score_nor_nomenclature()
    {
        Assert.True(CvssVector.TryParse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Amber", out var v));
        Assert.Equal(9.3, v.Score);
        Assert.Equal(9.3, v.BaseScore);
        Assert.Equal("CVSS-B", v.Nomenclature);
    }

    [Fact]
    public void V3_score_is_the_environmental_score_only_when_environmental_metrics_are_defined()
    {
        Assert.True(CvssVector.TryParse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U", out var temporal));
        Assert.Equal(9.8, temporal.BaseScore);
        Assert.Equal(9.0, temporal.TemporalScore); // Roundup(9.8 × 0.91 = 8.918)
        Assert.Equal(9.0, temporal.Score);

        Assert.True(CvssVector.TryParse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P", out var environmental));
        Assert.Equal(9.8, environmental.TemporalScore);
        Assert.Equal(6.8, environmental.EnvironmentalScore);
        Assert.Equal(6.8, environmental.Score);

        Assert.True(CvssVector.TryParse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/MAV:X", out var undefined));
        Assert.Equal(9.8, undefined.Score);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U", 9.8, 9.0)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U", 9.8, 7.8)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 10.0, 9.2)] // 10 × 0.92 is 9.200000000000001 in binary
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 10.0, 9.2)]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:N/A:N/RC:U", 5.0, 4.6)] // 4.6000000000000005
    public void V3_temporal_scores_round_up(string vector, double baseScore, double temporal)
    {
        Assert.True(CvssVector.TryParse(vector, out var v));
        Assert.Equal(baseScore, v.BaseScore);
        Assert.Equal(temporal, v.TemporalScore);
    }

    [Fact]
    public void Vectors_compare_by_version_and_text()
    {
        Assert.True(CvssVector.TryParse("AV:N/AC:L/Au:N/C:P/I:P/A:P", out var a));
        Assert.True(CvssVector.TryParse("AV:N/AC:L/Au:N/C:P/I:P/A:P", out var b));
        Assert.True(CvssVector.TryParse("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", out var c));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(a.BaseScore, c.BaseScore);
        Assert.Equal("P", a.Metrics["C"]);
    }
}
