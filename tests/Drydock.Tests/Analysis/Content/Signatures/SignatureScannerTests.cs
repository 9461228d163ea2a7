using System.Text;
using Drydock.Analysis.Content;
using Drydock.Analysis.Content.Signatures;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Analysis.Content.Signatures;

/// <summary>The rules on real files from Debian packages (the malware-samples image's files) and on the text forms
/// each rule must accept or refuse.</summary>
[Collection(TestImagesCollection.Name)]
public sealed class SignatureScannerTests(TestImages images)
{
    private const string Wallet = "41oFuK6MZ4TTwF5R34b3fkXmeZVMpydTShVhbsV2fstH6GHXXaedRzzXnWiFo3TosaP5f2NALgQewLqofQKPvR2dTCByeg2";

    private static List<ContentFinding> Scan(string path, string text) => SignatureScanner.Default.Scan(path, Encoding.UTF8.GetBytes(text)) ?? [];

    private static (string Rule, Confidence Confidence) Single(string path, string text)
    {
        var f = Assert.Single(Scan(path, text));
        return (f.RuleId, f.Confidence);
    }

    [Theory]
    [InlineData("usr/bin/nmap", "hacking-tool/nmap", Confidence.High)]
    [InlineData("usr/bin/nping", "hacking-tool/nping", Confidence.High)]
    [InlineData("usr/bin/masscan", "hacking-tool/masscan", Confidence.High)]
    [InlineData("usr/bin/hydra", "hacking-tool/hydra", Confidence.High)]
    [InlineData("usr/sbin/john", "hacking-tool/john", Confidence.High)]
    [InlineData("usr/share/sqlmap/sqlmap.py", "hacking-tool/sqlmap", Confidence.High)]
    [InlineData("usr/bin/ncat", "hacking-tool/ncat", Confidence.Medium)]
    [InlineData("usr/bin/monerod", "coin-miner/monero-daemon", Confidence.Medium)]
    public async Task Real_tools_from_debian_packages_are_recognised_by_their_own_strings(string path, string rule, Confidence confidence)
    {
        await images.EnsureAsync("malware-samples");
        var content = await File.ReadAllBytesAsync(Path.Combine(images.RootFs("malware-samples"), path));
        var finding = Assert.Single(SignatureScanner.Default.Scan(path, content) ?? []);
        Assert.Equal((rule, confidence), (finding.RuleId, finding.Confidence));
        Assert.InRange(finding.Evidence.Count, 2, SignatureScanner.MaxEvidence);
        Assert.All(finding.Evidence, e => Assert.Equal(e.Value, Encoding.Latin1.GetString(content.AsSpan((int)e.Offset!.Value, e.Value.Length))));
    }

    [Theory]
    [InlineData("app/node_modules/core-js/postinstall.js", "console.log('Thank you for using core-js! Donate: ' +\n  '> https://opencollective.com/core-js\\n' +\n  '> bitcoin: bc1qlea7544qtsmj2rayg0lthvza9fau63ux0fstcz\\n');\n")]
    [InlineData("srv/app/index.js", "// Support the project\nconst WALLET = { monero: '" + Wallet + "' };\n")]
    public void Donation_addresses_next_to_coin_names_are_not_mining(string path, string text) => Assert.Empty(Scan(path, text));

    [Theory]
    [InlineData("usr/bin/monero-wallet-cli")] // a wallet: mining RPC client code and the project's donation address
    [InlineData("usr/share/sqlmap/lib/takeover/metasploit.py")] // drives Metasploit, is not Metasploit
    [InlineData("usr/share/sqlmap/lib/core/settings.py")] // a sqlmap module, not its entry point
    [InlineData("opt/miner/README.md")] // prose about miners
    [InlineData("bin/busybox")]
    public async Task Files_that_only_mention_or_accompany_a_tool_give_nothing(string path)
    {
        await images.EnsureAsync("malware-samples");
        var content = await File.ReadAllBytesAsync(Path.Combine(images.RootFs("malware-samples"), path));
        Assert.Null(SignatureScanner.Default.Scan(path, content));
    }

    [Fact]
    public void Documentation_naming_miners_and_tools_gives_nothing_and_a_real_pool_url_in_it_is_low()
    {
        const string prose = "XMRig and xmr-stak mine Monero over stratum+tcp; nmap, masscan, hydra and mimikatz are tools. "
            + "Usage: nmap is explained at nmap.org. \"pools\": see the miner's documentation.";
        Assert.Empty(Scan("usr/share/doc/notes/README", prose));
        Assert.Empty(Scan("opt/docs/mining.md", prose));
        Assert.Equal(("coin-miner/stratum-url", Confidence.Low), Single("opt/docs/mining.md", "connect to stratum+tcp://pool.supportxmr.com:3333 like this"));
    }

    [Theory]
    [InlineData("stratum+tcp://pool.supportxmr.com:3333", true)]
    [InlineData("STRATUM+SSL://xmr.2miners.com:12222", true)]
    [InlineData("stratum+tls://1.2.3.4:443", true)]
    [InlineData("stratum+tcp://pool.example.com:3333", false)]
    [InlineData("stratum+tcp://localhost.localdomain:3333", false)]
    [InlineData("stratum+tcp://<host>:<port>", false)]
    [InlineData("stratum+tcp://pool.supportxmr.com", false)]
    [InlineData("stratum+tcp://pool.supportxmr.com:99999", false)]
    public void Stratum_urls_need_a_real_host_and_port(string url, bool found)
    {
        var findings = Scan("entrypoint.sh", $"#!/bin/sh\nexec ./run -o {url} -k\n");
        Assert.Equal(found, findings.Any(f => f.RuleId == "coin-miner/stratum-url" && f.Confidence == Confidence.High));
    }

    [Fact]
    public void Pool_domains_stand_alone_and_a_long_list_of_them_is_low()
    {
        Assert.Equal(("coin-miner/pool-domain", Confidence.Medium), Single("etc/hosts.d/pool", "10.0.0.1 gulf.moneroocean.stream\n"));
        Assert.Empty(Scan("etc/hosts.d/other", "10.0.0.1 notmoneroocean.streaming.example\n"));
        var blocklist = string.Join('\n', new[] { "supportxmr.com", "nanopool.org", "minexmr.com", "2miners.com", "f2pool.com", "c3pool.com" }.Select(d => "0.0.0.0 " + d));
        Assert.Equal(("coin-miner/pool-domain", Confidence.Low), Single("etc/blocklist.conf", blocklist));
    }

    [Fact]
    public void Miner_configurations_are_confirmed_by_their_json_structure()
    {
        var xmrig = $$"""{ "donate-level": 1, "pools": [ { "url": "pool.supportxmr.com:443", "user": "{{Wallet}}", "pass": "x", "tls": true } ] }""";
        var found = Scan("root/.xmrig.json", xmrig);
        Assert.Equal(Confidence.High, found.Single(f => f.RuleId == "coin-miner/miner-config").Confidence);
        Assert.Equal(Confidence.High, found.Single(f => f.RuleId == "coin-miner/wallet-address").Confidence); // next to a miner configuration

        // xmr-stak's pools.txt is a JSON fragment with comments.
        var stak = $$"""
            /* pool configuration */
            "pool_list" : [ {"pool_address" : "xmr.pool.gntl.co.uk:40009", "wallet_address" : "{{Wallet}}", "rig_id" : "", "pool_password" : "x", "use_tls" : false }, ],
            "currency" : "monero",
            """;
        Assert.Equal(Confidence.High, Scan("opt/stak/pools.txt", stak).Single(f => f.RuleId == "coin-miner/miner-config").Confidence);

        // Pools of users without any miner setting: medium. Pools without users, or broken JSON: nothing.
        Assert.Equal(("coin-miner/miner-config", Confidence.Medium), Single("etc/app/db.json", """{ "pools": [ { "url": "db1:5432", "user": "app" } ] }"""));
        Assert.Empty(Scan("etc/app/db2.json", """{ "pools": [ { "url": "db1:5432", "size": 10 } ] }"""));
        Assert.Empty(Scan("etc/app/db3.json", """{ "pools": [ { "url": "db1:5432", "user": """));
    }

    [Fact]
    public void A_wallet_alone_is_medium_and_only_when_a_mining_word_is_near()
    {
        Assert.Equal(("coin-miner/wallet-address", Confidence.Medium), Single("opt/run.sh", $"#!/bin/sh\nWALLET={Wallet}\n./worker --user $WALLET\n"));
        Assert.Empty(Scan("opt/data.bin", $"id={Wallet}\n"));
    }

    [Fact]
    public void Eicar_is_found_whatever_the_file_is_called()
    {
        Assert.Equal(("eicar-test/eicar", Confidence.High), Single("srv/README.txt", EicarCheck.Text + "\n"));
        Assert.Empty(Scan("usr/share/doc/av/test.txt", "The test string is " + EicarCheck.Text));
    }

    [Fact]
    public void Miner_names_need_to_stand_as_words_and_come_with_mining_traits()
    {
        var elf = "\u007fELF\u0002\u0001\u0001\0\0\0\0\0\0\0\0\0";
        Assert.Equal(("coin-miner/xmrig", Confidence.High), Single("usr/local/bin/x", elf + "XMRig/6.21.0 randomx cryptonight --donate-level"));
        Assert.Empty(Scan("usr/local/bin/y", elf + "libxmrigger randomx hashrate getblocktemplate"));
        Assert.Empty(Scan("usr/local/bin/z", elf + "XMRig/6.21.0 only one trait: randomx"));
    }
}
