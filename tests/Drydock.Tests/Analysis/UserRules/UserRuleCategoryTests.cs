using Drydock.Analysis.Content;
using Drydock.Analysis.UserRules;

namespace Drydock.Tests.Analysis.UserRules;

public sealed class UserRuleCategoryTests
{
    [Theory]
    [InlineData("coin-miner", ThreatCategory.CoinMiner)]
    [InlineData("Coin_Miner", ThreatCategory.CoinMiner)]
    [InlineData("cryptominer", ThreatCategory.CoinMiner)]
    [InlineData("hacking tool", ThreatCategory.HackingTool)]
    [InlineData("exploit", ThreatCategory.HackingTool)]
    [InlineData("windows", ThreatCategory.WindowsMalware)]
    [InlineData("npm", ThreatCategory.MaliciousNpmPackage)]
    [InlineData("known-bad-hash", ThreatCategory.KnownBadHash)]
    [InlineData("packer", ThreatCategory.PackedBinary)]
    [InlineData("ransomware", UserRuleCategory.Default)]
    [InlineData(null, UserRuleCategory.Default)]
    [InlineData("", UserRuleCategory.Default)]
    public void Meta_category_maps_to_a_known_category_or_the_default(string? meta, string expected)
        => Assert.Equal(expected, UserRuleCategory.FromMeta(meta));

    [Theory]
    [InlineData("Unix.Coinminer.Xmrig-9876543-0", ThreatCategory.CoinMiner)]
    [InlineData("Multios.Coinminer.Miner-6781728-2", ThreatCategory.CoinMiner)]
    [InlineData("Eicar-Signature", ThreatCategory.EicarTest)]
    [InlineData("Win.Trojan.Agent-1234", ThreatCategory.WindowsMalware)]
    [InlineData("PUA.Win.Tool.Mimikatz-1", ThreatCategory.WindowsMalware)]
    [InlineData("Unix.Tool.Nmap-1", ThreatCategory.HackingTool)]
    [InlineData("Unix.Trojan.Mirai-7100807-0", UserRuleCategory.Default)]
    [InlineData("DrydockTest.Win.Trojan.Hash.UNOFFICIAL", ThreatCategory.WindowsMalware)]
    public void Signature_names_map_by_their_words(string name, string expected)
        => Assert.Equal(expected, UserRuleCategory.FromSignatureName(name));

    [Fact]
    public void The_default_is_one_of_the_report_categories()
        => Assert.Contains(UserRuleCategory.Default, ThreatCategory.All);
}
