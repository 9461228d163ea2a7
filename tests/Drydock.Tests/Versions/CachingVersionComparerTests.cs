using Drydock.Versions;

namespace Drydock.Tests.Versions;

/// <summary>The per-match parse cache answers as the comparer it wraps, hands back one parsed object per text, and
/// remembers texts that do not parse.</summary>
public sealed class CachingVersionComparerTests
{
    [Theory]
    [InlineData(VersionScheme.Pep440, "1.0", "1.0.0", 0)]
    [InlineData(VersionScheme.Pep440, "1.0rc1", "1.0", -1)]
    [InlineData(VersionScheme.Pep440, "2!1.0", "3.0", 1)]
    [InlineData(VersionScheme.Pep440, "1.02", "1.2", 0)]
    [InlineData(VersionScheme.Pep440, "1.0.post1", "1.0", 1)]
    [InlineData(VersionScheme.Dpkg, "1:1.0-1", "2.0-1", 1)]
    [InlineData(VersionScheme.Go, "v1.2.3", "v1.2.4-0.20200101000000-abcdefabcdef", -1)]
    [InlineData(VersionScheme.Npm, "1.2.3-beta.2", "1.2.3-beta.10", -1)]
    public void Answers_as_the_comparer_it_wraps(VersionScheme scheme, string a, string b, int expected)
    {
        var inner = VersionSchemes.For(scheme);
        var cached = new CachingVersionComparer(inner);
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(expected, cached.Compare(a, b));
            Assert.Equal(expected, -cached.Compare(b, a));
            Assert.Equal(inner.Compare(a, b), cached.Compare(cached.Parse(a), cached.Parse(b)));
        }
    }

    [Fact]
    public void Parses_each_text_once_and_remembers_failures()
    {
        var cached = new CachingVersionComparer(VersionSchemes.For(VersionScheme.Pep440));
        Assert.True(cached.TryParse("1.2.3", out var first));
        Assert.True(cached.TryParse("1.2.3", out var second));
        Assert.Same(first, second);
        Assert.False(cached.TryParse("not a version", out var bad));
        Assert.Null(bad);
        Assert.False(cached.TryParse("not a version", out _));
        Assert.Throws<FormatException>(() => cached.Parse("not a version"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("007.010")]
    [InlineData("1..2")]
    [InlineData(".1")]
    [InlineData("1.")]
    [InlineData("1.2a")]
    public void The_plain_release_shortcut_parses_as_the_grammar_does(string text)
    {
        // "1.2.3" and the like skip the regular expression; the result must be the one the grammar gives.
        var pep = VersionSchemes.For<Pep440Version>(VersionScheme.Pep440);
        var viaGrammar = pep.TryParse(" " + text, out Pep440Version? padded);
        Assert.Equal(viaGrammar, pep.TryParse(text, out Pep440Version? plain));
        if (plain is not null && padded is not null)
        {
            Assert.Equal(padded.Release, plain.Release);
            Assert.Equal(padded.Epoch, plain.Epoch);
            Assert.Equal(padded.PreLabel, plain.PreLabel);
            Assert.Equal(0, pep.Compare(plain, padded));
        }
    }
}
