namespace Drydock.Advisories.Cvss;

/// <summary>The rounding rules each specification defines.</summary>
internal static class CvssRounding
{
    /// <summary>
    /// CVSS v3.x Roundup: the smallest one-decimal number not below the input. Computed as v3.1 Appendix A defines it,
    /// on the input fixed to five decimals first, so that floating-point noise such as 10 × 0.92 = 9.200000000000001
    /// gives 9.2, not 9.3. v3.0 defines the same round-up without the floating-point care; it is applied to v3.0 too,
    /// since the noise is an artefact of binary arithmetic, not part of the v3.0 equations.
    /// </summary>
    public static double Roundup(double input)
    {
        var scaled = (long)Math.Round(input * 100_000, MidpointRounding.AwayFromZero);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    /// <summary>
    /// CVSS v2 round_to_1_decimal, halves upwards. Like v3.1's Roundup it first fixes the input to five decimals, so that a
    /// product such as 9.0 × 0.95 (8.549999999999999 in binary floating point) rounds as the exact 8.55 does, to 8.6.
    /// </summary>
    public static double RoundV2(double input)
    {
        var scaled = (long)Math.Round(input * 100_000, MidpointRounding.AwayFromZero);
        return Math.Floor((scaled + 5_000) / 10_000.0) / 10.0;
    }

    /// <summary>
    /// CVSS v4.0 final rounding as FIRST's calculator does it: half up to one decimal after adding 10^-6, so that
    /// 1.4499999999999993 (8.6 − 7.15) rounds to 1.5.
    /// </summary>
    public static double RoundV4(double input) => Math.Floor(((input + 1e-6) * 10) + 0.5) / 10;
}
