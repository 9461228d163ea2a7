using System.Security.Cryptography;
using System.Text;

namespace Drydock.Catalog;

/// <summary>OCI chain IDs (image-spec config.md): the first layer's is its diff-ID, each next one is
/// <c>sha256(previous + " " + diffId)</c>. Equal chain IDs mean equal diff-ID chains, so a prefix match is an equality lookup.</summary>
public static class ChainId
{
    /// <summary>The chain ID of the whole chain (empty string for no layers).</summary>
    public static string Of(IReadOnlyList<string> diffIds) => diffIds.Count == 0 ? string.Empty : Prefixes(diffIds)[^1];

    /// <summary>The chain ID of every prefix: element <c>i</c> covers layers <c>0..i</c>.</summary>
    public static string[] Prefixes(IReadOnlyList<string> diffIds)
    {
        var chains = new string[diffIds.Count];
        for (var i = 0; i < diffIds.Count; i++)
        {
            chains[i] = i == 0
                ? diffIds[0]
                : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(chains[i - 1] + " " + diffIds[i])));
        }

        return chains;
    }
}
