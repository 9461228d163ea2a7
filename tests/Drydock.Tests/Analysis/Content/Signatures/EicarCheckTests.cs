using System.Text;
using Drydock.Analysis.Content.Signatures;

namespace Drydock.Tests.Analysis.Content.Signatures;

/// <summary>The EICAR test file as its specification defines it, and nothing else.</summary>
public sealed class EicarCheckTests
{
    [Theory]
    [InlineData("", true)]
    [InlineData("\r\n", true)]
    [InlineData(" \t\n\u001a", true)]
    [InlineData("x", false)] // only white space may follow
    public void String_at_the_start_followed_by_white_space_only(string tail, bool expected)
        => Assert.Equal(expected, EicarCheck.Is(Encoding.ASCII.GetBytes(EicarCheck.Text + tail)));

    [Fact]
    public void Longer_than_128_bytes_or_not_at_the_start_is_not_the_test_file()
    {
        Assert.False(EicarCheck.Is(Encoding.ASCII.GetBytes(EicarCheck.Text + new string(' ', 61))));
        Assert.True(EicarCheck.Is(Encoding.ASCII.GetBytes(EicarCheck.Text + new string(' ', 60))));
        Assert.False(EicarCheck.Is(Encoding.ASCII.GetBytes(" " + EicarCheck.Text)));
        Assert.False(EicarCheck.Is(Encoding.ASCII.GetBytes(EicarCheck.Text[..67])));
    }
}
