using System.Text;
using Drydock.Analysis.Content.Signatures;

namespace Drydock.Tests.Analysis.Content.Signatures;

/// <summary>Wallet addresses are recognised by their checksums, with published addresses as test vectors.</summary>
public sealed class WalletAddressTests
{
    // The Monero General Fund subaddress, taken from the monero-wallet-cli binary of Debian's monero package.
    private const string MoneroDonation = "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H";

    // The address the test images use (generated: prefix 18, Keccak-256 checksum).
    private const string MoneroTest = "41oFuK6MZ4TTwF5R34b3fkXmeZVMpydTShVhbsV2fstH6GHXXaedRzzXnWiFo3TosaP5f2NALgQewLqofQKPvR2dTCByeg2";

    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_matches_the_published_digests(string input, string hex)
    {
        var digest = new byte[32];
        Keccak256.Hash(Encoding.ASCII.GetBytes(input), digest);
        Assert.Equal(hex, Convert.ToHexStringLower(digest));

        // Longer than one 136-byte block.
        var longInput = Encoding.ASCII.GetBytes(new string('a', 200));
        Keccak256.Hash(longInput, digest);
        Assert.NotEqual(hex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Monero_addresses_need_the_network_byte_and_the_checksum()
    {
        Assert.Equal("subaddress", WalletAddressFinder.Monero(Encoding.ASCII.GetBytes(MoneroDonation)));
        Assert.Equal("standard", WalletAddressFinder.Monero(Encoding.ASCII.GetBytes(MoneroTest)));
        // One character changed: the checksum fails.
        Assert.Null(WalletAddressFinder.Monero(Encoding.ASCII.GetBytes(MoneroTest[..50] + (MoneroTest[50] == 'a' ? 'b' : 'a') + MoneroTest[51..])));
        // 95 Base58 characters that are no address.
        Assert.Null(WalletAddressFinder.Monero(Encoding.ASCII.GetBytes("4" + new string('z', 94))));
    }

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true)] // the genesis block's address
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true)] // P2SH example from the Bitcoin wiki
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false)]
    public void Bitcoin_base58check(string address, bool valid)
        => Assert.Equal(valid, WalletAddressFinder.BitcoinBase58(Encoding.ASCII.GetBytes(address)));

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true)] // BIP 173
    [InlineData("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", true)] // BIP 350 (Bech32m)
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", false)]
    public void Bitcoin_segwit(string address, bool valid)
        => Assert.Equal(valid, Bech32.IsBitcoinSegwit(Encoding.ASCII.GetBytes(address)));

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true)] // EIP-55 examples
    [InlineData("fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", true)]
    [InlineData("dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", true)]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false)]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", false)] // no checksum in one case
    public void Ethereum_only_with_the_eip55_checksum(string hex, bool valid)
        => Assert.Equal(valid, WalletAddressFinder.IsEip55(Encoding.ASCII.GetBytes(hex)));

    [Fact]
    public void Finder_reports_addresses_in_text_and_skips_project_donation_addresses()
    {
        var text = $"pool=xmr user={MoneroTest} donate {MoneroDonation} btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa "
            + "eth=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed seg bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 hash 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        var found = new List<WalletAddress>();
        WalletAddressFinder.Find(Encoding.ASCII.GetBytes(text), 100, found, 10);
        Assert.Equal(
            [("monero", "standard", MoneroTest), ("bitcoin", "p2pkh", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), ("ethereum", "eip55", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                ("bitcoin", "segwit", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")],
            found.Select(w => (w.Coin, w.Kind, w.Text)));
        Assert.Equal(100 + text.IndexOf(MoneroTest, StringComparison.Ordinal), found[0].Offset);
    }
}
