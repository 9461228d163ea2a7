using System.Text.RegularExpressions;
using Drydock.Analysis.Content;

namespace Drydock.Analysis.UserRules;

/// <summary>Maps what a user rule says about itself (a YARA rule's <c>category</c> meta, a ClamAV signature name) to
/// one of <see cref="ThreatCategory"/>: an exact category name wins, then the first matching word rule below, then
/// <see cref="Default"/>. No category is ever invented.</summary>
public static partial class UserRuleCategory
{
    /// <summary>The category of a user-rule match that names no known category: the catch-all for suspicious content.</summary>
    public const string Default = ThreatCategory.SuspiciousScript;

    // Checked in order against the lower-cased words of the name (split at anything not a letter or digit).
    private static readonly (string Category, Func<string, bool> Word)[] WordRules =
    [
        (ThreatCategory.EicarTest, w => w.StartsWith("eicar", StringComparison.Ordinal)),
        (ThreatCategory.CoinMiner, w => w.Contains("miner", StringComparison.Ordinal) || w.Contains("mining", StringComparison.Ordinal) || w is "cryptojacking" or "xmrig"),
        (ThreatCategory.MaliciousNpmPackage, w => w == "npm"),
        (ThreatCategory.WindowsMalware, w => w is "win" or "win32" or "win64" or "w32" or "w64" or "windows"),
        (ThreatCategory.HackingTool, w => w is "hacktool" or "hacking" or "hack" or "tool" or "exploit" or "pentest" or "cracker"),
        (ThreatCategory.PackedBinary, w => w is "packed" or "packer" or "upx"),
    ];

    /// <summary>The category a YARA rule's <c>category</c> meta names (exactly, or by the word rules); <see cref="Default"/> when absent.</summary>
    public static string FromMeta(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        var normalised = value.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        return ThreatCategory.All.Contains(normalised) ? normalised : FromWords(normalised);
    }

    /// <summary>The category a signature name such as <c>Win.Trojan.Agent-1</c> or <c>Unix.Coinminer.Xmrig</c> points to.</summary>
    public static string FromSignatureName(string name) => FromWords(name.ToLowerInvariant());

    private static string FromWords(string lower)
    {
        var words = Word().Matches(lower).Select(m => m.Value).ToList();
        foreach (var (category, word) in WordRules)
        {
            if (words.Any(word))
            {
                return category;
            }
        }

        return Default;
    }

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Word();
}
