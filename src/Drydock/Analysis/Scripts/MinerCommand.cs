using System.Buffers;
using System.Collections.Frozen;
using Drydock.Analysis.Content;

namespace Drydock.Analysis.Scripts;

/// <summary>Recognises a coin miner's command line: a known miner run with pool, wallet, algorithm or donation
/// options, or a renamed binary given options only a miner takes (a <c>stratum+tcp://</c> pool with a wallet,
/// xmrig's <c>--donate-level</c>, a RandomX algorithm with a pool).</summary>
internal static class MinerCommand
{
    /// <summary>Names that miner programs are shipped and run under (compared with a command's file name, case-insensitively).</summary>
    public static readonly FrozenSet<string> MinerNames = FrozenSet.ToFrozenSet(
    [
        "xmrig", "xmrig-notls", "xmrig-cuda", "xmrig-amd", "xmrig-nvidia", "xmrig-proxy", "xmr-stak", "xmr-stak-cpu", "xmr-stak-rx",
        "cpuminer", "cpuminer-opt", "cpuminer-multi", "cpuminer-gr", "minerd", "ccminer", "ethminer", "nsfminer", "t-rex",
        "nbminer", "lolminer", "phoenixminer", "gminer", "teamredminer", "srbminer", "srbminer-multi", "nanominer", "cgminer",
        "bfgminer", "wildrig", "wildrig-multi", "bzminer", "rigel", "nheqminer", "kawpowminer", "ethdcrminer64", "xmr-node-proxy",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Algorithm names a miner's <c>-a</c>/<c>--algo</c> takes (RandomX and CryptoNight families, GPU coins' algorithms).</summary>
    private static readonly FrozenSet<string> Algorithms = FrozenSet.ToFrozenSet(
    [
        "rx/0", "rx/wow", "rx/arq", "rx/graft", "rx/sfx", "rx/keva", "rx/yada", "randomx", "randomxmonero", "cn/r", "cn/0", "cn/1", "cn/2",
        "cn/half", "cn/rwz", "cn/zls", "cn/double", "cn/ccx", "cn-lite/1", "cn-heavy/0", "cn-heavy/xhv", "cn-heavy/tube", "cn-pico",
        "cn-pico/tlo", "cryptonight", "cryptonight-lite", "cryptonight-heavy", "argon2/chukwa", "argon2/chukwav2", "argon2/wrkz",
        "astrobwt", "kawpow", "ghostrider", "ethash", "etchash", "autolykos2", "kheavyhash", "equihash", "octopus", "beamhash",
        "zelhash", "firopow", "progpow", "verthash", "yescrypt", "yespower", "lyra2rev3", "lyra2z", "x16r", "x16rv2", "x25x",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Coins = FrozenSet.ToFrozenSet(
        ["monero", "xmr", "wownero", "wow", "zephyr", "zeph", "ravencoin", "rvn", "ethereumclassic", "etc", "ergo", "erg", "kaspa", "kas", "dero", "keva", "arqma"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Options only xmrig and its forks take.</summary>
    private static readonly FrozenSet<string> XmrigOptions = FrozenSet.ToFrozenSet(
        ["--donate-level", "--donate-over-proxy", "--randomx-1gb-pages", "--randomx-mode", "--randomx-no-numa", "--cpu-max-threads-hint",
         "--max-cpu-usage", "--cpu-priority", "--huge-pages-jit", "--rig-id", "--nicehash"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Well-known public mining pools (a pool option naming one is a pool).</summary>
    private static readonly string[] PoolDomains =
    [
        "supportxmr.com", "moneroocean.stream", "minexmr.com", "nanopool.org", "2miners.com", "f2pool.com", "hashvault.pro",
        "herominers.com", "c3pool.com", "xmrpool.eu", "unmineable.com", "ethermine.org", "nicehash.com", "minergate.com",
        "monerohash.com", "xmrfast.com", "dwarfpool.com", "crypto-pool.fr", "viabtc.com", "antpool.com", "miningpoolhub.com",
    ];

    /// <summary>True when <paramref name="host"/> is one of the well-known public pools or a name under one.</summary>
    public static bool IsKnownPool(string host)
    {
        var name = host.TrimEnd('.');
        return PoolDomains.Any(d => name.Equals(d, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What the words of one simple command say about mining, or null when they say nothing.</summary>
    public static (string RuleId, Confidence Confidence, string Title)? Judge(List<string> words)
    {
        var minerAt = -1;
        for (var i = 0; i < words.Count && minerAt < 0; i++)
        {
            if (MinerNames.Contains(ShellWords.BaseName(words[i])))
            {
                minerAt = i;
            }
        }

        // Options are read after the miner's name (so "curl -o xmrig URL" is a download, not a miner run).
        var o = Options(words, minerAt + 1);
        if (minerAt >= 0)
        {
            var name = ShellWords.BaseName(words[minerAt]);
            if (o.Pool || o.User || o.Donate || o.Algorithm || o.Coin || o.XmrigOption)
            {
                return ("coin-miner/miner-command-line", Confidence.High, $"runs the {name} coin miner with mining options");
            }

            // Run as the command itself (not named by pkill, which, rm …), with a config file or nothing: still a miner run.
            var asking = words.Skip(minerAt + 1).Any(w => w is "-h" or "--help" or "-V" or "--version");
            return minerAt == ShellWords.CommandWord(words) && !asking
                ? ("coin-miner/miner-command-line", Confidence.High, $"runs the {name} coin miner")
                : null;
        }

        var high = (o.Stratum && (o.User || o.Algorithm || o.Coin || o.Donate || o.Pool))
            || (o.Donate && (o.Pool || o.User || o.Algorithm))
            || (o.XmrigOption && o.Pool && o.User)
            || (o.Pool && (o.Wallet || o.KnownPool) && (o.User || o.Algorithm || o.Coin))
            || (o.Algorithm && (o.Stratum || o.KnownPool));
        if (high)
        {
            return ("coin-miner/pool-command-line", Confidence.High, "runs a program with coin-miner options (pool, wallet, algorithm): a renamed miner");
        }

        return o.Algorithm && o.Pool && o.User
            ? ("coin-miner/pool-command-line", Confidence.Medium, "runs a program with a pool, a user and a mining algorithm")
            : null;
    }

    /// <summary>True for a <c>stratum+tcp://</c>, <c>stratum+ssl://</c> or <c>stratum+tls://</c> URL (also stratum1/stratum2).</summary>
    public static bool IsStratumUrl(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf("stratum", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var rest = text[(at + "stratum".Length)..];
            if (rest.Length > 0 && rest[0] is '1' or '2')
            {
                rest = rest[1..];
            }

            if (rest.StartsWith("+tcp://", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("+ssl://", StringComparison.OrdinalIgnoreCase)
                || rest.StartsWith("+tls://", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var next = rest.IndexOf("stratum", StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : text.Length - rest.Length + next;
        }

        return false;
    }

    /// <summary>True for a Monero address (95 base58 characters starting with 4 or 8, or a 106-character integrated one)
    /// or an Ethereum-style address, optionally followed by a worker suffix (<c>.rig1</c>, <c>+diff</c>).</summary>
    public static bool IsWallet(string value)
    {
        var cut = value.IndexOfAny(['.', '+', '/']);
        var address = cut > 0 ? value[..cut] : value;
        if (address.Length is 95 or 106 && address[0] is '4' or '8' && IsBase58(address))
        {
            return true;
        }

        return address.Length == 42 && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !address.AsSpan(2).ContainsAnyExcept(HexDigits);
    }

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private static bool IsBase58(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) || c is '0' or 'O' or 'I' or 'l')
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Found(bool Pool, bool Stratum, bool KnownPool, bool User, bool Wallet, bool Donate, bool Algorithm, bool Coin, bool XmrigOption);

    private static Found Options(List<string> words, int from)
    {
        bool pool = false, stratum = false, knownPool = false, user = false, wallet = false, donate = false, algorithm = false, coin = false, xmrig = false;
        for (var i = Math.Max(from, 0); i < words.Count; i++)
        {
            var w = words[i];
            var value = i + 1 < words.Count ? words[i + 1] : "";
            stratum |= IsStratumUrl(w);
            switch (w)
            {
                case "-o" or "--url" or "--pool" or "-P" when value.Length > 0 && !value.StartsWith('-'):
                    pool = true;
                    stratum |= IsStratumUrl(value);
                    knownPool |= PoolDomains.Any(d => value.Contains(d, StringComparison.OrdinalIgnoreCase));
                    break;
                case "-u" or "--user" or "--wallet" or "--address" when value.Length > 0 && !value.StartsWith('-'):
                    user = true;
                    wallet |= IsWallet(value);
                    break;
                case "-a" or "--algo" or "--algorithm" when Algorithms.Contains(value):
                    algorithm = true;
                    break;
                case "--coin" when Coins.Contains(value):
                    coin = true;
                    break;
                case "--donate-level":
                    donate = true;
                    break;
                default:
                    xmrig |= XmrigOptions.Contains(w);
                    break;
            }
        }

        return new Found(pool, stratum, knownPool, user, wallet, donate, algorithm, coin, xmrig);
    }
}
