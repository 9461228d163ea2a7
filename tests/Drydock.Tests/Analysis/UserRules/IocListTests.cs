using System.Security.Cryptography;
using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.UserRules.Ioc;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.UserRules;

public sealed class IocListTests
{
    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Parses_hashes_names_comments_and_sha256sum_output()
    {
        var list = IocList.Parse(
        [
            "# known bad",
            $"{Sha("a")}",
            $"{Sha("b").ToUpperInvariant()}  dropper.sh   # from a report",
            $"sha256:{Sha("c")} miner",
            $"{Sha("d")} *bin/tool",
            "",
        ], "iocs.txt");

        Assert.Equal(4, list.Count);
        Assert.True(list.TryGet(Sha("a"), out var none));
        Assert.Null(none);
        Assert.True(list.TryGet(Sha("b"), out var dropper));
        Assert.Equal("dropper.sh", dropper);
        Assert.True(list.TryGet(Sha("c"), out var miner));
        Assert.Equal("miner", miner);
        Assert.True(list.TryGet(Sha("d"), out var tool));
        Assert.Equal("bin/tool", tool);
        Assert.False(list.TryGet(Sha("e"), out _));
    }

    [Theory]
    [InlineData("abc123")]
    [InlineData("zz0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-hash at all")]
    public void A_malformed_line_is_an_error_naming_file_and_line(string bad)
    {
        var e = Assert.Throws<DrydockInputException>(() => IocList.Parse(["# header", Sha("a"), bad], "iocs.txt"));
        Assert.Contains("iocs.txt:3", e.Message);
    }

    [Fact]
    public void A_list_without_hashes_is_an_error()
        => Assert.Contains("no SHA-256", Assert.Throws<DrydockInputException>(() => IocList.Parse(["# nothing"], "empty.txt")).Message);

    [Fact]
    public void The_digest_ignores_order_and_comments_but_not_names_or_hashes()
    {
        var a = IocList.Parse([Sha("a"), Sha("b") + " x"], "1").Digest;
        Assert.Equal(a, IocList.Parse(["# c", Sha("b") + " x", Sha("a")], "2").Digest);
        Assert.NotEqual(a, IocList.Parse([Sha("a"), Sha("b") + " y"], "3").Digest);
        Assert.NotEqual(a, IocList.Parse([Sha("a"), Sha("c") + " x"], "4").Digest);
    }

    [Fact]
    public async Task The_analyzer_reports_listed_files_only_with_a_high_confidence_known_bad_hash()
    {
        var list = IocList.Parse([Sha("evil payload\n") + " payload"], "iocs.txt");
        var tar = new TarBuilder().File("usr/bin/payload", "evil payload\n").File("usr/bin/benign", "benign\n").File("empty", "").Build();
        var layer = await Analyse.TarAsync(tar, new AnalyzerCatalog([new IocAnalyzer(list)]));

        var finding = Assert.Single(layer.ContentFindings);
        Assert.Equal("usr/bin/payload", finding.Path);
        Assert.Equal("ioc/sha256", finding.RuleId);
        Assert.Equal(ThreatCategory.KnownBadHash, finding.Category);
        Assert.Equal(Confidence.High, finding.Confidence);
        Assert.Equal(Sha("evil payload\n"), finding.Sha256);
        Assert.Contains("payload", finding.Title);
    }
}
