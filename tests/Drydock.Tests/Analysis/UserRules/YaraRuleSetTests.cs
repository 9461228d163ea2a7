using System.Text;
using Drydock.Analysis;
using Drydock.Analysis.Content;
using Drydock.Analysis.UserRules.Yara;
using Drydock.Tests.Fixtures;
using Drydock.Tests.Support;

namespace Drydock.Tests.Analysis.UserRules;

/// <summary>Real libyara (Debian libyara9) over rules the tests write.</summary>
public sealed class YaraRuleSetTests
{
    public const string MinerRule = """
        rule stratum_pool
        {
            meta:
                category = "coin-miner"
                confidence = "high"
                description = "Mining pool URL"
            strings:
                $stratum = "stratum+tcp://"
                $wallet = /4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}/
            condition:
                $stratum or $wallet
        }

        rule plain_marker
        {
            strings:
                $m = { 64 72 79 64 6F 63 6B 2D 6D 61 72 6B }
            condition:
                $m
        }
        """;

    private static string WriteRules(params (string Name, string Text)[] files)
    {
        var dir = RepoPaths.Scratch("yara");
        foreach (var (name, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllText(Path.Combine(dir, name), text);
        }

        return dir;
    }

    [LibyaraFact]
    public void Matches_carry_namespace_rule_metas_and_string_offsets()
    {
        using var rules = YaraRuleSet.Compile(Path.Combine(WriteRules(("miners.yar", MinerRule)), "miners.yar"));
        var (matches, error) = rules.Scan("pools: [stratum+tcp://pool.example:3333, stratum+tcp://b]"u8);

        Assert.Equal(0, error);
        var match = Assert.Single(matches);
        Assert.Equal(("miners", "stratum_pool"), (match.Namespace, match.Rule));
        Assert.Equal("coin-miner", match.Metas["category"]);
        Assert.Equal("high", match.Metas["confidence"]);
        Assert.Equal([("$stratum: stratum+tcp://", 8L), ("$stratum: stratum+tcp://", 41L)], match.Strings.Select(s => (s.Value, s.Offset!.Value)));
        Assert.Empty(rules.Scan("nothing to see"u8).Matches);
    }

    [LibyaraFact]
    public void A_directory_compiles_every_rule_file_each_in_its_own_namespace()
    {
        var dir = WriteRules(("miners.yar", MinerRule), ("sub/marker.yara", "rule plain_marker { strings: $a = \"drydock-mark\" condition: $a }"), ("notes.txt", "not a rule"));
        using var rules = YaraRuleSet.Compile(dir);
        var matches = rules.Scan("xx drydock-mark yy"u8).Matches;

        Assert.Equal(["miners/plain_marker", "sub.marker/plain_marker"], matches.Select(m => $"{m.Namespace}/{m.Rule}").Order());
        Assert.Equal("$m: drydock-mark", matches.Single(m => m.Namespace == "miners").Strings.Single().Value);
    }

    [LibyaraFact]
    public void A_syntax_error_names_the_file_and_line()
    {
        var dir = WriteRules(("good.yar", MinerRule), ("broken.yar", "rule ok { condition: true }\n\nrule broken {\n  strings: $a = \"x\"\n  condition: $a and and\n}\n"));
        var e = Assert.Throws<DrydockInputException>(() => YaraRuleSet.Compile(dir));
        Assert.Contains("broken.yar:5:", e.Message);
        Assert.Contains("syntax error", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [LibyaraFact]
    public void Missing_path_or_empty_directory_is_an_error()
    {
        Assert.Contains("no such file", Assert.Throws<DrydockInputException>(() => YaraRuleSet.Compile("/nonexistent/rules.yar")).Message);
        Assert.Contains("no .yar", Assert.Throws<DrydockInputException>(() => YaraRuleSet.Compile(WriteRules(("readme.md", "x")))).Message);
    }

    [LibyaraFact]
    public void Includes_resolve_beside_the_including_file()
    {
        var dir = WriteRules(("index.yar", "include \"parts/miner.yar\""), ("parts/miner.yar", MinerRule));
        using var rules = YaraRuleSet.Compile(Path.Combine(dir, "index.yar"));
        Assert.Equal("stratum_pool", Assert.Single(rules.Scan("stratum+tcp://x"u8).Matches).Rule);
    }

    [LibyaraFact]
    public void The_digest_is_reproducible_and_follows_the_rules_and_included_files()
    {
        var dir = WriteRules(("index.yar", "include \"part.yar\""), ("part.yar", MinerRule));
        string Digest()
        {
            using var rules = YaraRuleSet.Compile(Path.Combine(dir, "index.yar"));
            return rules.Digest;
        }

        var first = Digest();
        Assert.Equal(first, Digest());
        File.WriteAllText(Path.Combine(dir, "part.yar"), MinerRule.Replace("stratum+tcp://", "stratum+ssl://"));
        Assert.NotEqual(first, Digest());
    }

    [LibyaraFact]
    public async Task Parallel_scans_from_many_threads_each_see_their_own_matches()
    {
        using var rules = YaraRuleSet.Compile(Path.Combine(WriteRules(("miners.yar", MinerRule)), "miners.yar"));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var text = Encoding.ASCII.GetBytes(new string('.', i) + (i % 2 == 0 ? "stratum+tcp://p" : "clean"));
            return (i, rules.Scan(text).Matches);
        })));

        foreach (var (i, matches) in results)
        {
            if (i % 2 == 0)
            {
                Assert.Equal(i, Assert.Single(Assert.Single(matches).Strings).Offset);
            }
            else
            {
                Assert.Empty(matches);
            }
        }
    }

    [LibyaraFact]
    public async Task The_analyzer_turns_matches_into_content_findings()
    {
        using var rules = YaraRuleSet.Compile(Path.Combine(WriteRules(("miners.yar", MinerRule)), "miners.yar"));
        var tar = new TarBuilder()
            .File("etc/miner.json", "{\"url\": \"stratum+tcp://pool.example:3333\"}")
            .File("usr/share/doc/marker", "drydock-mark")
            .File("usr/bin/clean", "#!/bin/sh\necho hi\n")
            .Build();
        var layer = await Analyse.TarAsync(tar, new AnalyzerCatalog([new YaraAnalyzer(rules)]));

        Assert.Equal(2, layer.ContentFindings.Count);
        var miner = layer.ContentFindings.Single(f => f.Path == "etc/miner.json");
        Assert.Equal("yara/miners/stratum_pool", miner.RuleId);
        Assert.Equal(ThreatCategory.CoinMiner, miner.Category);
        Assert.Equal(Confidence.High, miner.Confidence);
        Assert.Equal("Mining pool URL", miner.Title);
        Assert.Equal(64, miner.Sha256!.Length);
        Assert.Equal(9, Assert.Single(miner.Evidence).Offset); // {"url": " is 9 bytes
        var marker = layer.ContentFindings.Single(f => f.Path == "usr/share/doc/marker");
        Assert.Equal((YaraAnalyzer.DefaultConfidence, Drydock.Analysis.UserRules.UserRuleCategory.Default), (marker.Confidence, marker.Category));
    }
}
