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

    /// <summary>Every category, in report order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CoinMiner, MaliciousNpmPackage, MaliciousPackage, HackingTool, WindowsMalware, PackedBinary, KnownBadHash, EicarTest, SuspiciousScript];
}
