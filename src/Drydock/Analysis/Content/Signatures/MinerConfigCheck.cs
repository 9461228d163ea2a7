using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>Confirms a miner configuration by its JSON structure: a <c>pools</c> (XMRig and its forks) or
/// <c>pool_list</c> (xmr-stak, whose <c>pools.txt</c> is a JSON fragment) array whose entries name a pool and a
/// user or wallet. Medium confidence on that alone (other software has pools of users); high with a miner's own
/// settings (<c>donate-level</c>, <c>randomx</c>, <c>algo</c>, ...), a <c>stratum+</c> URL or a checksummed wallet.</summary>
public static class MinerConfigCheck
{
    private const int MaxSize = 1024 * 1024;

    private static readonly HashSet<string> PoolArrays = new(StringComparer.Ordinal) { "pools", "pool_list" };
    private static readonly HashSet<string> UrlKeys = new(StringComparer.Ordinal) { "url", "pool_address", "pool", "host" };
    private static readonly HashSet<string> UserKeys = new(StringComparer.Ordinal) { "user", "wallet", "wallet_address", "login", "username", "worker" };

    private static readonly HashSet<string> MinerKeys = new(StringComparer.Ordinal)
    {
        "donate-level", "donate-over-proxy", "randomx", "cryptonight", "cn", "rx", "algo", "coin", "rig-id", "rig_id", "cpu",
        "opencl", "cuda", "currency", "use_nicehash", "nicehash", "huge-pages", "cpu_threads_conf", "print-time", "health-print-time",
    };

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    /// <summary>The <see cref="FileCheck"/> of the miner-configuration rule.</summary>
    public static CheckResult? Check(ReadOnlySpan<byte> content, RuleMatch match)
    {
        if (content.Length > MaxSize)
        {
            return null;
        }

        var trimmed = content.TrimStart(" \t\r\n\uFEFF"u8);
        if (trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[')
        {
            return Read(content, 0);
        }

        // A fragment ("pool_list" : [...], "currency" : "monero",): read it inside braces.
        var buffer = ArrayPool<byte>.Shared.Rent(content.Length + 2);
        try
        {
            buffer[0] = (byte)'{';
            content.CopyTo(buffer.AsSpan(1));
            buffer[content.Length + 1] = (byte)'}';
            return Read(buffer.AsSpan(0, content.Length + 2), -1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static CheckResult? Read(ReadOnlySpan<byte> json, int shift)
    {
        var evidence = new List<FindingEvidence>();
        var minerKeys = new List<FindingEvidence>();
        var pools = 0;
        var strong = false;
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString()!;
                var keyOffset = reader.TokenStartIndex + shift;
                if (MinerKeys.Contains(name) && minerKeys.Count < 3)
                {
                    minerKeys.Add(new FindingEvidence("config", $"\"{name}\"", keyOffset));
                }

                if (!PoolArrays.Contains(name))
                {
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }

                    if (ReadPool(ref reader, shift, evidence, ref strong))
                    {
                        pools++;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        if (pools == 0)
        {
            return null;
        }

        strong |= minerKeys.Count > 0;
        evidence.AddRange(minerKeys);
        return new CheckResult(
            strong ? Confidence.High : Confidence.Medium,
            $"Coin-miner configuration: {pools} pool{(pools == 1 ? "" : "s")} with a user or wallet" + (minerKeys.Count > 0 ? " and miner settings" : ""),
            evidence);
    }

    // One pool entry: true when it names a pool and a user or wallet.
    private static bool ReadPool(ref Utf8JsonReader reader, int shift, List<FindingEvidence> evidence, ref bool strong)
    {
        FindingEvidence? url = null;
        FindingEvidence? user = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            var value = reader.GetString()!;
            if (value.Length == 0)
            {
                continue;
            }

            var offset = reader.TokenStartIndex + shift;
            if (UrlKeys.Contains(name) && url is null)
            {
                url = new FindingEvidence("config", $"{name}: {Cut(value)}", offset);
                strong |= value.StartsWith("stratum", StringComparison.OrdinalIgnoreCase);
            }
            else if (UserKeys.Contains(name) && user is null)
            {
                user = new FindingEvidence("config", $"{name}: {Cut(value)}", offset);
                var bytes = Encoding.UTF8.GetBytes(value);
                strong |= WalletAddressFinder.Monero(bytes) is not null || WalletAddressFinder.BitcoinBase58(bytes);
            }
        }

        if (url is null || user is null)
        {
            return false;
        }

        if (evidence.Count < 4)
        {
            evidence.Add(url);
            evidence.Add(user);
        }

        return true;
    }

    private static string Cut(string value) => value.Length <= 120 ? value : value[..119] + "…";
}
