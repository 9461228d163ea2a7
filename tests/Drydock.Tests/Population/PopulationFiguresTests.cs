using Drydock.Population.Reports;

namespace Drydock.Tests.Population;

public sealed class PopulationFiguresTests
{
    [Theory]
    [InlineData(0.51, "51.0%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(0.0, "0.0%")]
    [InlineData(0.0016, "0.16%")]
    [InlineData(0.0000004, "<0.01%")]
    [InlineData(0.00996, "1.0%")]
    [InlineData(double.NaN, "0.0%")]
    public void Percentages_keep_small_shares_visible(double share, string expected)
        => Assert.Equal(expected, PopulationFigures.Percent(share));

    [Theory]
    [InlineData("openssl", 10, "openssl")]
    [InlineData("org.apache.logging.log4j:log4j-core", 15, "org.apa…4j-core")]
    [InlineData("abcdef\U0001F600gh", 6, "ab…gh")]
    [InlineData("a\U0001F600bcdefgh\U0001F600i", 7, "a\U0001F600…\U0001F600i")]
    public void Long_labels_lose_their_middle_never_half_a_character(string text, int max, string expected)
    {
        var trimmed = DisplayText.TrimMiddle(text, max);
        Assert.Equal(expected, trimmed);
        Assert.True(trimmed.Length <= max);
        Assert.Equal(trimmed, DisplayText.Clean(trimmed));
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("a\uFFFDb\uFFFDc\uFFFD", DisplayText.Clean("a\u001bb\u0085c\uD800"));
        Assert.Equal("a\r\nb\uFFFD", DisplayText.Clean("a\r\nb\u0000", keepLineBreaks: true));
        Assert.Equal("\U0001F600", DisplayText.Clean("\U0001F600"));
    }
}
