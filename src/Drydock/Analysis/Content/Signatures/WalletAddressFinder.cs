using System.Buffers;
using System.Text;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>Finds wallet addresses whose structure and checksum hold: Monero (block-wise Base58, network byte,
/// Keccak-256 checksum), Bitcoin (Base58Check P2PKH/P2SH, Bech32/Bech32m segwit) and Ethereum (only EIP-55
/// mixed-case addresses: an all-lower-case one is indistinguishable from any 160-bit hex value).</summary>
public static class WalletAddressFinder
{
    private const int MoneroStandardLength = 95;
    private const int MoneroIntegratedLength = 106;
    private const byte MoneroStandard = 18;
    private const byte MoneroIntegrated = 19;
    private const byte MoneroSubaddress = 42;

    /// <summary>Addresses that ship inside legitimate software (project donation addresses) and prove nothing.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        // The Monero General Fund subaddress, printed by monero-wallet-cli's "donate" command.
        "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H",
        // The Monero General Fund's older standard address.
        "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A",
    };

    private static readonly SearchValues<byte> Bech32Characters = SearchValues.Create("qpzry9x8gf2tvdw0s3jn54khce6mua7l"u8);
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    /// <summary>Most candidate runs checked per call: a file made of address-shaped words costs a bounded time.</summary>
    public const int MaxCandidates = 4096;

    /// <summary>Adds the addresses in <paramref name="text"/> (which starts at <paramref name="baseOffset"/> in the
    /// file) to <paramref name="found"/>, at most <paramref name="limit"/> in all.</summary>
    public static void Find(ReadOnlySpan<byte> text, long baseOffset, List<WalletAddress> found, int limit)
    {
        var i = 0;
        var candidates = 0;
        while (i < text.Length && found.Count < limit && candidates < MaxCandidates)
        {
            var start = text[i..].IndexOfAny(Base58.Characters);
            if (start < 0)
            {
                return;
            }

            start += i;
            var run = text[start..].IndexOfAnyExcept(Base58.Characters);
            var end = run < 0 ? text.Length : start + run;
            // Base58 addresses are 25 characters or more; segwit and Ethereum addresses hold a '0', which splits runs.
            if (end - start >= 25 || text[start] == (byte)'x' || text[start..end].IndexOf("bc1"u8) >= 0)
            {
                candidates++;
                Check(text, start, end, baseOffset, found);
            }

            i = end + 1;
        }
    }

    // One maximal run of Base58 characters (which includes "0x…" prefixes' hex only partly: '0' is not Base58).
    private static void Check(ReadOnlySpan<byte> text, int start, int end, long baseOffset, List<WalletAddress> found)
    {
        var word = text[start..end];
        var length = word.Length;
        if ((length == MoneroStandardLength || length == MoneroIntegratedLength) && Monero(word) is { } kind)
        {
            Add(found, "monero", kind, word, baseOffset + start);
            return;
        }

        if (length is >= 26 and <= 35 && word[0] is (byte)'1' or (byte)'3' && BitcoinBase58(word))
        {
            Add(found, "bitcoin", word[0] == (byte)'1' ? "p2pkh" : "p2sh", word, baseOffset + start);
            return;
        }

        // Bech32 uses '0' (not Base58), so a segwit address spans several runs: look at "bc1" from here.
        var bc1 = word.IndexOf("bc1"u8);
        if (bc1 >= 0 && (start + bc1 == 0 || !char.IsAsciiLetterOrDigit((char)text[start + bc1 - 1])))
        {
            var from = start + bc1;
            var data = text[(from + 3)..];
            var n = data.IndexOfAnyExcept(Bech32Characters);
            var total = 3 + (n < 0 ? data.Length : n);
            var next = from + total < text.Length ? text[from + total] : (byte)' ';
            if (total is 42 or 62 && !char.IsAsciiLetterOrDigit((char)next) && Bech32.IsBitcoinSegwit(text.Slice(from, total)))
            {
                Add(found, "bitcoin", "segwit", text.Slice(from, total), baseOffset + from);
            }
        }

        // Ethereum: "0x" + 40 hex digits; the run started after the '0'.
        if (start >= 1 && text[start - 1] == (byte)'0' && word.Length > 0 && word[0] == (byte)'x' && start + 41 <= text.Length)
        {
            var hex = text.Slice(start + 1, 40);
            var after = start + 41 < text.Length ? text[start + 41] : (byte)' ';
            var before = start >= 2 ? text[start - 2] : (byte)' ';
            if (hex.IndexOfAnyExcept(HexDigits) < 0 && !char.IsAsciiLetterOrDigit((char)after) && !char.IsAsciiLetterOrDigit((char)before)
                && IsEip55(hex))
            {
                Add(found, "ethereum", "eip55", text.Slice(start - 1, 42), baseOffset + start - 1);
            }
        }
    }

    private static void Add(List<WalletAddress> found, string coin, string kind, ReadOnlySpan<byte> text, long offset)
    {
        var s = Encoding.ASCII.GetString(text);
        if (!Allowed.Contains(s))
        {
            found.Add(new WalletAddress(coin, kind, s, offset));
        }
    }

    /// <summary>The Monero mainnet address form of <paramref name="text"/>, or null when it is not one.</summary>
    public static string? Monero(ReadOnlySpan<byte> text)
    {
        if (text.Length is not (MoneroStandardLength or MoneroIntegratedLength) || text[0] is not ((byte)'4' or (byte)'8'))
        {
            return null;
        }

        Span<byte> raw = stackalloc byte[80];
        var n = Base58.DecodeMonero(text, raw);
        if (n < 69)
        {
            return null;
        }

        var kind = (raw[0], n) switch
        {
            (MoneroStandard, 69) => "standard",
            (MoneroSubaddress, 69) => "subaddress",
            (MoneroIntegrated, 77) => "integrated",
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(raw[..(n - 4)], hash);
        return hash[..4].SequenceEqual(raw.Slice(n - 4, 4)) ? kind : null;
    }

    /// <summary>True for a Base58Check P2PKH (version 0) or P2SH (version 5) address.</summary>
    public static bool BitcoinBase58(ReadOnlySpan<byte> text)
    {
        Span<byte> raw = stackalloc byte[40];
        var n = Base58.DecodeCheck(text, raw);
        return n == 21 && raw[0] is 0 or 5;
    }

    /// <summary>True when the mixed-case spelling of 40 hex digits matches the EIP-55 checksum. All-lower and
    /// all-upper spellings carry no checksum and return false.</summary>
    public static bool IsEip55(ReadOnlySpan<byte> hex)
    {
        if (hex.Length != 40)
        {
            return false;
        }

        Span<byte> lower = stackalloc byte[40];
        bool hasUpper = false, hasLower = false;
        for (var i = 0; i < 40; i++)
        {
            var c = hex[i];
            hasUpper |= c is >= (byte)'A' and <= (byte)'F';
            hasLower |= c is >= (byte)'a' and <= (byte)'f';
            lower[i] = c is >= (byte)'A' and <= (byte)'F' ? (byte)(c + 32) : c;
        }

        if (!hasUpper || !hasLower)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(lower, hash);
        for (var i = 0; i < 40; i++)
        {
            var c = hex[i];
            if (c <= (byte)'9')
            {
                continue;
            }

            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0xf;
            var upper = c <= (byte)'F';
            if (upper != nibble >= 8)
            {
                return false;
            }
        }

        return true;
    }
}
