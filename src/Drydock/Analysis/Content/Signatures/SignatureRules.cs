namespace Drydock.Analysis.Content.Signatures;

/// <summary>The content signatures, as a table. Each rule names the files it looks at and the anchors that must
/// occur; binaries are recognised by several strings together (their name and what they do), never by a name alone,
/// so a README that mentions a tool says nothing. Confidence is how sure a match is that the file is what the
/// category says: high for a tool recognised by its own strings, medium for dual-use software (netcat-like tools,
/// tunnels, a cryptocurrency node that can mine), low for mentions in documentation.</summary>
public static class SignatureRules
{
    // What mining software does, named in its own strings: the Stratum protocol, proof-of-work algorithms, fees.
    private static readonly Anchor[] MinerTraits =
    [
        Anchor.Folded("stratum+tcp://"), Anchor.Folded("stratum+ssl://"), Anchor.Folded("stratum+tls://"), Anchor.Folded("stratum2+tcp://"),
        "mining.subscribe", "mining.authorize", "mining.submit", "mining.notify", "mining.set_difficulty",
        "donate-level", "--donate", Anchor.Folded("cryptonight"), Anchor.Folded("randomx"), Anchor.Folded("ethash"), Anchor.Folded("kawpow"),
        Anchor.Folded("autolykos"), Anchor.Folded("equihash"), Anchor.Folded("cuckaroo"), Anchor.Folded("cuckatoo"), Anchor.Folded("kheavyhash"),
        Anchor.Folded("hashrate"), Anchor.Folded("nicehash"), "getblocktemplate", "getwork",
    ];

    private static readonly Anchor[] StratumSchemes =
    [
        Anchor.Folded("stratum+tcp://"), Anchor.Folded("stratum+ssl://"), Anchor.Folded("stratum+tls://"), Anchor.Folded("stratum1+tcp://"),
        Anchor.Folded("stratum2+tcp://"), Anchor.Folded("stratum+udp://"),
    ];

    // Public mining pools (second-level names; sub-domains match too).
    private static readonly Anchor[] PoolDomains =
    [
        .. new[]
        {
            "supportxmr.com", "minexmr.com", "moneroocean.stream", "nanopool.org", "xmrpool.eu", "xmrpool.net", "monerohash.com",
            "hashvault.pro", "c3pool.com", "c3pool.org", "herominers.com", "2miners.com", "f2pool.com", "ethermine.org", "nicehash.com",
            "minergate.com", "dwarfpool.com", "antpool.com", "viabtc.com", "slushpool.com", "poolin.com", "unmineable.com", "crypto-pool.fr",
            "miningpoolhub.com", "prohashing.com", "zpool.ca", "zergpool.com", "mining-dutch.nl", "xmrfast.com", "kryptex.network",
            "woolypooly.com", "flockpool.com", "skypool.org", "gntl.co.uk", "minexmr.fr", "p2pool.io", "xmr.pt", "hashcity.org",
            "pool.gulf.moneroocean.stream", "xmrig.com",
        }.Select(Anchor.Folded),
    ];

    // Mining words around which wallet addresses are looked for. Coin names and "wallet" are not among them: projects
    // print donation addresses next to them ("bitcoin: bc1q..." in core-js's postinstall and README).
    private static readonly Anchor[] WalletContext =
    [
        .. StratumSchemes, .. PoolDomains, Anchor.Folded("xmrig"), Anchor.Folded("miner"), "\"user\"", "--user", "\"pass\"",
    ];

    /// <summary>Every rule.</summary>
    public static IReadOnlyList<SignatureRule> All { get; } =
    [
        // ---------------------------------------------------------------- coin miners: binaries
        MinerBinary("xmrig", "XMRig (Monero and multi-algorithm CPU/GPU miner)", ["XMRig", "xmrig"]),
        MinerBinary("xmr-stak", "xmr-stak (Monero miner)", ["xmr-stak", "XMR-Stak"]),
        MinerBinary("cpuminer", "cpuminer (CPU miner)", ["cpuminer"]),
        MinerBinary("ccminer", "ccminer (NVIDIA GPU miner)", ["ccminer"]),
        MinerBinary("ethminer", "ethminer (Ethash GPU miner)", ["ethminer", "Ethminer"]),
        MinerBinary("t-rex", "T-Rex (NVIDIA GPU miner)", ["T-Rex", "t-rex miner", "trex-miner"]),
        MinerBinary("nbminer", "NBMiner (GPU miner)", ["NBMiner", "nbminer"]),
        MinerBinary("lolminer", "lolMiner (GPU miner)", ["lolMiner", "lolminer"]),
        MinerBinary("phoenixminer", "PhoenixMiner (GPU miner)", ["PhoenixMiner", "phoenixminer"]),
        MinerBinary("gminer", "GMiner (GPU miner)", ["GMiner", "gminer"]),
        MinerBinary("teamredminer", "TeamRedMiner (AMD GPU miner)", ["TeamRedMiner", "teamredminer"]),
        MinerBinary("srbminer", "SRBMiner (CPU/GPU miner)", ["SRBMiner", "srbminer"]),
        MinerBinary("nanominer", "nanominer (GPU miner)", ["nanominer"]),
        MinerBinary("cgminer", "cgminer / bfgminer (ASIC and FPGA miner)", ["cgminer", "bfgminer"]),
        new()
        {
            Id = "coin-miner/stratum-client",
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.High,
            Title = "Mining software: speaks the Stratum mining protocol",
            AppliesTo = FileKinds.Binary,
            Groups = [new(["mining.subscribe", "mining.authorize", "mining.submit", "mining.notify", "mining.set_difficulty", "mining.extranonce"], Min: 3)],
        },
        new()
        {
            Id = "coin-miner/monero-daemon",
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.Medium,
            Title = "Monero daemon (monerod): a cryptocurrency node with a built-in miner",
            AppliesTo = FileKinds.Binary,
            Groups = [new(["Already mining"]), new(["start_mining", "cryptonote"], Min: 2)],
        },

        // ---------------------------------------------------------------- coin miners: URLs, pools, configuration, wallets
        new()
        {
            Id = "coin-miner/stratum-url",
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.High,
            Title = "Mining pool URL (stratum+tcp/ssl/tls)",
            AppliesTo = FileKinds.NotDocument,
            InDocuments = Confidence.Low,
            Groups = [new(StratumSchemes, Verify: AnchorVerifiers.StratumUrl)],
        },
        new()
        {
            Id = "coin-miner/pool-domain",
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.Medium,
            Title = "Mining pool domain",
            AppliesTo = FileKinds.Binary | FileKinds.Script | FileKinds.Config,
            Groups = [new(PoolDomains, Verify: AnchorVerifiers.Domain)],
            Check = PoolDomainCheck.Check,
        },
        new()
        {
            Id = "coin-miner/miner-config",
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.High,
            Title = "Coin-miner configuration",
            AppliesTo = FileKinds.Config | FileKinds.Data | FileKinds.Script,
            InDocuments = Confidence.Low,
            Groups = [new(["\"pools\"", "\"pool_list\""])],
            Check = MinerConfigCheck.Check,
        },
        new()
        {
            Id = WalletRuleId,
            Category = ThreatCategory.CoinMiner,
            Confidence = Confidence.Medium,
            Title = "Cryptocurrency wallet address next to mining terms",
            AppliesTo = FileKinds.NotDocument,
            InDocuments = Confidence.Low,
            Groups = [new(WalletContext)],
            Check = WalletCheck.Check,
        },

        // ---------------------------------------------------------------- hacking tools: scanners
        Tool("nmap", "Nmap network scanner", [new(["Usage: nmap", "Nmap scan report", "Starting Nmap"]), new(["nmap.org", "nmap-service-probes", "nmap-os-db", "Nmap done"], Min: 2)]),
        Tool("nping", "Nping packet generator (Nmap)", [new(["Usage: nping"]), new(["nmap.org"])]),
        Tool("masscan", "masscan Internet-scale port scanner", [new(["Usage: masscan", "Masscan version", "robertdavidgraham/masscan"], Min: 2)]),
        Tool("zmap", "ZMap Internet-wide scanner", [new(["/etc/zmap/", "ZMap ", "zmap -p ", "zmap.io"], Min: 2)]),
        Tool("nikto", "Nikto web server scanner", [new(["cirt.net", "Chris Sullo"], Min: 1), new(["nikto", "Nikto"])], FileKinds.Executable),
        Tool("hping", "hping packet crafting tool", [new(["hping3", "HPING "]), new(["antirez"])], confidence: Confidence.Medium),
        Tool("sqlmap", "sqlmap SQL injection tool", [new(["sqlmap developers", "sqlmap.org"]), new(["Main function of sqlmap", "sqlmap.sqlmap"])], FileKinds.Script),
        Tool("gobuster", "gobuster directory and DNS brute-forcer", [new(["github.com/OJ/gobuster"])]),
        Tool("ffuf", "ffuf web fuzzer", [new(["github.com/ffuf/ffuf"])]),
        Tool("nuclei", "nuclei vulnerability scanner", [new(["github.com/projectdiscovery/nuclei"])]),

        // ---------------------------------------------------------------- hacking tools: password crackers and brute-forcers
        Tool("hydra", "THC Hydra login brute-forcer", [new(["van Hauser/THC", "thc-hydra", "vanhauser-thc"]), new(["HYDRA_PROXY", "hydra_restore", "(Hydra)"])]),
        Tool("medusa", "Medusa login brute-forcer", [new(["Foofus Networks", "foofus.net", "JoMo-Kun", "Medusa v"], Min: 2)]),
        Tool("ncrack", "Ncrack network authentication cracker", [new(["Usage: ncrack", "Ncrack ("]), new(["nmap.org"])]),
        Tool("john", "John the Ripper password cracker", [new(["John the Ripper", "openwall.com/john"]), new(["password cracker", "john.pot", "john.conf", "john.rec"])]),
        Tool("hashcat", "hashcat password cracker", [new(["hashcat.net"]), new(["Usage: hashcat", "hashcat.potfile", "hashcat.hctune", "hashcat.dictstat"])]),
        Tool("kerbrute", "kerbrute Kerberos brute-forcer", [new(["github.com/ropnop/kerbrute"])]),

        // ---------------------------------------------------------------- hacking tools: exploitation, credential dumping, C2
        // The framework's own programs load its environment; code that merely drives Metasploit (sqlmap) does not.
        Tool("metasploit", "Metasploit Framework program (msfconsole, msfvenom, ...)",
            [new(["require 'msfenv'"]), new(["Metasploit::Framework::Command", "Msf::Simple::Framework", "Msf::Util::EXE", "msfvenom", "msfconsole"])], FileKinds.Script),
        Tool("mimikatz", "mimikatz credential dumper",
            [new(["mimikatz", "gentilkiwi", Anchor.Wide("mimikatz"), Anchor.Wide("gentilkiwi")]), new(["sekurlsa", "lsadump", "kerberos::", Anchor.Wide("sekurlsa"), Anchor.Wide("lsadump")])]),
        Tool("invoke-mimikatz", "Invoke-Mimikatz (PowerShell mimikatz loader)", [new(["Invoke-Mimikatz"]), new(["DumpCreds", "DumpCerts", "sekurlsa"])], FileKinds.Script),
        Tool("impacket", "Impacket attack script (secretsdump, psexec, wmiexec, ...)", [new(["from impacket"]), new(["version.BANNER"])], FileKinds.Script),
        Tool("responder", "Responder LLMNR/NBT-NS poisoner", [new(["Laurent Gaffie", "lgandx"]), new(["Responder", "LLMNR", "NBT-NS"], Min: 2)], FileKinds.Executable),
        Tool("crackmapexec", "CrackMapExec / NetExec network attack tool", [new(["crackmapexec", "netexec"]), new(["byt3bl33d3r", "Pennyw0rth", "mpgn_x64"])], FileKinds.Executable),
        Tool("sliver", "Sliver command-and-control framework", [new(["github.com/bishopfox/sliver"])]),
        Tool("merlin", "Merlin command-and-control framework", [new(["github.com/Ne0nd0g/merlin"])]),
        Tool("ligolo", "ligolo-ng pivoting tunnel", [new(["github.com/nicocha30/ligolo", "github.com/sysdream/ligolo"])]),

        // ---------------------------------------------------------------- dual use: tunnels and network utilities
        Tool("ncat", "Ncat (Nmap's netcat: connect, listen, relay, execute)", [new(["Usage: ncat", "NCAT_REMOTE_ADDR"]), new(["nmap.org"])], confidence: Confidence.Medium),
        Tool("chisel", "chisel TCP/UDP tunnel over HTTP", [new(["github.com/jpillora/chisel"])], confidence: Confidence.Medium),
        Tool("frp", "frp reverse proxy (exposes internal services)", [new(["github.com/fatedier/frp"])], confidence: Confidence.Medium),
        Tool("gost", "gost tunnel", [new(["github.com/ginuerzh/gost", "github.com/go-gost/"])], confidence: Confidence.Medium),

        // ---------------------------------------------------------------- EICAR
        new()
        {
            Id = "eicar-test/eicar",
            Category = ThreatCategory.EicarTest,
            Confidence = Confidence.High,
            Title = "EICAR anti-virus test file",
            AppliesTo = FileKinds.All,
            InDocuments = Confidence.High,
            Groups = [new(["EICAR-STANDARD-ANTIVIRUS-TEST-FILE"])],
            Check = EicarCheck.Check,
        },
    ];

    /// <summary>The id of the wallet-address rule, whose confidence rises when the same file has other mining evidence.</summary>
    public const string WalletRuleId = "coin-miner/wallet-address";

    private static SignatureRule MinerBinary(string name, string title, Anchor[] identity) => new()
    {
        Id = "coin-miner/" + name,
        Category = ThreatCategory.CoinMiner,
        Confidence = Confidence.High,
        Title = title,
        AppliesTo = FileKinds.Binary,
        Groups = [new(identity, Verify: AnchorVerifiers.Word), new(MinerTraits, Min: 2)],
    };

    private static SignatureRule Tool(string name, string title, AnchorGroup[] groups, FileKinds appliesTo = FileKinds.Binary, Confidence confidence = Confidence.High) => new()
    {
        Id = "hacking-tool/" + name,
        Category = ThreatCategory.HackingTool,
        Confidence = confidence,
        Title = title,
        AppliesTo = appliesTo,
        Groups = groups,
    };
}
