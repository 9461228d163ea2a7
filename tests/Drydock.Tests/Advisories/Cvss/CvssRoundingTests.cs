using Drydock.Advisories.Cvss;

namespace Drydock.Tests.Advisories.Cvss;

public sealed class CvssRoundingTests
{
    [Theory]
    [InlineData(4.000000000000001, 4.0)] // v3.1 Appendix A: floating-point noise must not round up
    [InlineData(4.02, 4.1)]
    [InlineData(4.0, 4.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(9.99, 10.0)]
    [InlineData(9.200000000000001, 9.2)] // 10 × 0.92
    public void Roundup_follows_appendix_a(double input, double expected)
        => Assert.Equal(expected, CvssRounding.Roundup(input));

    [Theory]
    [InlineData(8.549999999999999, 8.6)] // 9.0 × 0.95 in binary floating point
    [InlineData(8.55, 8.6)]
    [InlineData(8.54, 8.5)]
    [InlineData(-0.0, 0.0)]
    public void RoundV2_rounds_halves_up_after_fixing_five_decimals(double input, double expected)
        => Assert.Equal(expected, CvssRounding.RoundV2(input));

    [Theory]
    [InlineData(1.4499999999999993, 1.5)] // 8.6 − 7.15
    [InlineData(4.945833333333333, 4.9)]
    [InlineData(4.25, 4.3)]
    public void RoundV4_rounds_halves_up_with_the_calculator_epsilon(double input, double expected)
        => Assert.Equal(expected, CvssRounding.RoundV4(input));
}
