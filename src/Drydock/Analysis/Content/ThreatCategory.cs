namespace Drydock.Analysis.Content;

/// <summary>The categories of malicious-content findings, as written in reports and policies.</summary>
public static class ThreatCategory
{
    public const string CoinMiner = "coin-miner";
    public const string MaliciousNpmPackage = "malicious-npm-package";

    /// <summary>A malicious package of another ecosystem (PyPI, RubyGems, crates.io, Go, Maven, NuGet, Packagist).</summary>
    public const string MaliciousPackage = "malicious-package";
    public const string HackingTool = "hacking-tool";
    public const string WindowsMalware = "windows-malware";
    public const string PackedBinary = "packed-binary";
    public const string KnownBadHash = "known-bad-hash";
    public const string EicarTest = "eicar-test";
    public const string SuspiciousScript = "suspicious-script";

    /// <summary>Seen in the sandbox: fetched a file over the network and executed it.</summary>
    public const string Downloader = "downloader";

    /// <summary>Seen in the sandbox: a shell whose input or output is a network socket.</summary>
    public const string ReverseShell = "reverse-shell";

    /// <summary>Seen in the sandbox: connection attempts to many addresses or ports.</summary>
    public const string NetworkScanner = "network-scanner";

    /// <summary>Seen in the sandbox: wrote a crontab, a boot script, a shell start-up file or authorized keys.</summary>
    public const string Persistence = "persistence";

    /// <summary>Every category, in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CoinMiner, MaliciousNpmPackage, MaliciousPackage, HackingTool, WindowsMalware, PackedBinary, KnownBadHash, EicarTest, SuspiciousScript,
         Downloader, ReverseShell, NetworkScanner, Persistence];
}
