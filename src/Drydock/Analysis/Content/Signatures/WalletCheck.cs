namespace Drydock.Analysis.Content.Signatures;

/// <summary>Looks for checksummed wallet addresses in a file where a mining word occurred: the whole file when it is
/// small, else the neighbourhood of each occurrence.</summary>
public static class WalletCheck
{
    private const int WholeFileLimit = 1024 * 1024;
    private const int Window = 32 * 1024;
    private const int MaxAddresses = 8;

    /// <summary>The <see cref="FileCheck"/> of the wallet-address rule.</summary>
    public static CheckResult? Check(ReadOnlySpan<byte> content, RuleMatch match)
    {
        var found = new List<WalletAddress>();
        if (content.Length <= WholeFileLimit)
        {
            WalletAddressFinder.Find(content, 0, found, MaxAddresses);
        }
        else
        {
            var end = 0;
            foreach (var m in match.Matches)
            {
                var from = Math.Max(end, m.Offset - Window);
                var to = Math.Min(content.Length, m.Offset + Window);
                if (to > from && found.Count < MaxAddresses)
                {
                    WalletAddressFinder.Find(content[from..to], from, found, MaxAddresses);
                    end = to;
                }
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var coins = string.Join(" and ", found.Select(w => w.Coin).Distinct().Order(StringComparer.Ordinal));
        return new CheckResult(
            Title: $"Cryptocurrency wallet address ({coins}) next to mining terms",
            Evidence: [.. found.DistinctBy(w => w.Text).Select(w => new FindingEvidence("wallet", $"{w.Coin} {w.Kind} address {w.Text}", w.Offset))]);
    }
}
