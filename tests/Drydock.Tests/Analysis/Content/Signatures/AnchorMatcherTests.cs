using System.Text;
using Drydock.Analysis.Content.Signatures;

namespace Drydock.Tests.Analysis.Content.Signatures;

/// <summary>The sampled 4-gram matcher finds exactly what a naive search of every anchor at every offset finds.</summary>
public sealed class AnchorMatcherTests
{
    private static List<(int Anchor, int Offset)> Naive(IReadOnlyList<Anchor> anchors, byte[] text)
    {
        var found = new List<(int, int)>();
        for (var i = 0; i < anchors.Count; i++)
        {
            var a = Encoding.Latin1.GetBytes(anchors[i].Text);
            for (var o = 0; o + a.Length <= text.Length; o++)
            {
                var slice = text.AsSpan(o, a.Length);
                if (anchors[i].IgnoreCase ? Ascii.EqualsIgnoreCase(slice, a) : slice.SequenceEqual(a))
                {
                    found.Add((i, o));
                }
            }
        }

        return [.. found.OrderBy(f => f.Item2).ThenBy(f => f.Item1)];
    }

    private static List<(int Anchor, int Offset)> Fast(AnchorMatcher m, byte[] text)
        => m.Find(text, perAnchor: int.MaxValue, total: int.MaxValue)?.Select(h => (h.Anchor, h.Offset)).ToList() ?? [];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Finds_every_occurrence_that_a_naive_search_finds(int seed)
    {
        var random = new Random(seed);
        // A small alphabet makes anchors overlap, repeat and collide in the hash; lengths 5..12 vary the stride.
        const string alphabet = "abAB.:\0x";
        var minLength = 5 + (seed % 4);
        var anchors = Enumerable.Range(0, 40).Select(_ =>
        {
            var text = new string([.. Enumerable.Range(0, random.Next(minLength, 13)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            return new Anchor(text, random.Next(2) == 0);
        }).Distinct().ToList();
        var matcher = new AnchorMatcher(anchors);
        for (var round = 0; round < 60; round++)
        {
            var text = new byte[random.Next(0, 3000)];
            for (var i = 0; i < text.Length; i++)
            {
                text[i] = (byte)alphabet[random.Next(alphabet.Length)];
            }

            // Plant anchors at the very start and end too.
            if (text.Length > 24)
            {
                var first = Encoding.Latin1.GetBytes(anchors[random.Next(anchors.Count)].Text);
                first.CopyTo(text, 0);
                var last = Encoding.Latin1.GetBytes(anchors[random.Next(anchors.Count)].Text);
                last.CopyTo(text, text.Length - last.Length);
            }

            Assert.Equal(Naive(anchors, text), Fast(matcher, text));
        }
    }

    [Fact]
    public void Case_folding_applies_to_folded_anchors_only()
    {
        var matcher = new AnchorMatcher([Anchor.Folded("stratum+tcp://"), new Anchor("XMRig")]);
        var hits = Fast(matcher, "STRATUM+TCP://a xmrig XMRig"u8.ToArray());
        Assert.Equal([(0, 0), (1, 22)], hits);
    }

    [Fact]
    public void Wide_anchors_find_utf16_strings()
    {
        var matcher = new AnchorMatcher([Anchor.Wide("sekurlsa")]);
        var text = Encoding.Unicode.GetBytes("xx sekurlsa::logonpasswords");
        Assert.Equal([(0, 6)], Fast(matcher, text));
    }

    [Fact]
    public void Caps_bound_the_hits_and_nothing_found_allocates_no_list()
    {
        var matcher = new AnchorMatcher(["xmrig", "nmap.org"]);
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("xmrig nmap.org ", 100)));
        var hits = matcher.Find(text, perAnchor: 3, total: 1000)!;
        Assert.Equal(3, hits.Count(h => h.Anchor == 0));
        Assert.Equal(3, hits.Count(h => h.Anchor == 1));
        Assert.Equal(10, matcher.Find(text, perAnchor: 100, total: 10)!.Count);
        Assert.Null(matcher.Find(new byte[100_000]));
        Assert.Null(matcher.Find("xmri"u8));
    }

    [Fact]
    public void Short_anchors_are_refused()
        => Assert.Throws<ArgumentException>(() => new AnchorMatcher(["john"]));
}
