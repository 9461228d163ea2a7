using System.Security.Cryptography;

namespace Drydock.References;

/// <summary>A content digest such as <c>sha256:abc…</c>, validated at construction.</summary>
public readonly record struct Digest
{
    /// <summary>The algorithm name, for example <c>sha256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The lowercase hexadecimal encoded hash.</summary>
    public string Hex { get; }

    private Digest(string algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    /// <summary>Parses <c>algorithm:hex</c>; only sha256 and sha512 are accepted.</summary>
    public static Digest Parse(string text)
    {
        if (!TryParse(text, out var digest))
        {
            throw new FormatException($"'{Truncate(text)}' is not a valid digest (expected sha256:<64 hex digits>)");
        }

        return digest;
    }

    /// <summary>Tries to parse <c>algorithm:hex</c>.</summary>
    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var algorithm = text[..colon];
        var hex = text[(colon + 1)..];
        var expected = algorithm switch
        {
            "sha256" => 64,
            "sha512" => 128,
            _ => -1,
        };
        if (hex.Length != expected || !hex.AsSpan().ContainsOnlyLowerHex())
        {
            return false;
        }

        digest = new Digest(algorithm, hex);
        return true;
    }

    /// <summary>The SHA-256 digest of <paramref name="data"/>.</summary>
    public static Digest Sha256Of(ReadOnlySpan<byte> data) => FromSha256Hash(SHA256.HashData(data));

    /// <summary>Wraps a finished 32-byte SHA-256 hash.</summary>
    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new("sha256", Convert.ToHexStringLower(hash));

    /// <summary>Creates an incremental hash matching this digest's algorithm.</summary>
    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    /// <summary>True when the digest has been set (not the default value).</summary>
    public bool IsEmpty => Algorithm is null;

    /// <inheritdoc />
    public override string ToString() => IsEmpty ? string.Empty : $"{Algorithm}:{Hex}";

    private static string Truncate(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}

internal static class HexSpanExtensions
{
    public static bool ContainsOnlyLowerHex(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
