using System.Buffers;
using System.Security.Cryptography;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>The Base58 alphabet and the two encodings built on it: Bitcoin's Base58Check (one big number, double
/// SHA-256 checksum) and Monero's block-wise Base58 (8-byte blocks as 11 characters, Keccak-256 checksum).</summary>
public static class Base58
{
    /// <summary>The 58 characters, in digit order.</summary>
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>The alphabet as bytes, for scanning.</summary>
    public static readonly SearchValues<byte> Characters = SearchValues.Create("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"u8);

    // Monero: characters used for a partial block of N bytes (index N).
    private static ReadOnlySpan<byte> EncodedBlockSizes => [0, 2, 3, 5, 6, 7, 9, 10, 11];

    private const int FullBlockSize = 8;
    private const int FullEncodedBlockSize = 11;

    /// <summary>The value of one Base58 character, or -1.</summary>
    public static int Digit(byte c) => c switch
    {
        >= (byte)'1' and <= (byte)'9' => c - '1',
        >= (byte)'A' and <= (byte)'H' => c - 'A' + 9,
        >= (byte)'J' and <= (byte)'N' => c - 'J' + 17,
        >= (byte)'P' and <= (byte)'Z' => c - 'P' + 22,
        >= (byte)'a' and <= (byte)'k' => c - 'a' + 33,
        >= (byte)'m' and <= (byte)'z' => c - 'm' + 44,
        _ => -1,
    };

    /// <summary>Decodes Monero's block-wise Base58; returns the byte count written to <paramref name="output"/>, or -1
    /// when the text is not valid (bad character, impossible length, a block that overflows).</summary>
    public static int DecodeMonero(ReadOnlySpan<byte> text, Span<byte> output)
    {
        var fullBlocks = text.Length / FullEncodedBlockSize;
        var rest = text.Length % FullEncodedBlockSize;
        var restBytes = EncodedBlockSizes.IndexOf((byte)rest);
        if (restBytes < 0 || output.Length < (fullBlocks * FullBlockSize) + restBytes)
        {
            return -1;
        }

        var written = 0;
        for (var b = 0; b <= fullBlocks; b++)
        {
            var chars = b < fullBlocks ? text.Slice(b * FullEncodedBlockSize, FullEncodedBlockSize) : text[(fullBlocks * FullEncodedBlockSize)..];
            var size = b < fullBlocks ? FullBlockSize : restBytes;
            if (size == 0)
            {
                continue;
            }

            UInt128 value = 0;
            foreach (var c in chars)
            {
                var d = Digit(c);
                if (d < 0)
                {
                    return -1;
                }

                value = (value * 58) + (uint)d;
            }

            if (size < 16 && value >> (size * 8) != 0)
            {
                return -1; // more than the block's bytes can hold
            }

            for (var i = size - 1; i >= 0; i--)
            {
                output[written + i] = (byte)value;
                value >>= 8;
            }

            written += size;
        }

        return written;
    }

    /// <summary>Decodes Bitcoin's Base58 (leading '1's are zero bytes) and checks the 4-byte double-SHA-256 checksum;
    /// returns the payload length (version byte included) in <paramref name="output"/>, or -1.</summary>
    public static int DecodeCheck(ReadOnlySpan<byte> text, Span<byte> output)
    {
        Span<byte> number = stackalloc byte[64];
        if (text.Length == 0 || text.Length > 64)
        {
            return -1;
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == (byte)'1')
        {
            zeros++;
        }

        // Big-endian base-256 accumulator, grown from the right.
        number.Clear();
        var length = 0;
        foreach (var c in text[zeros..])
        {
            var carry = Digit(c);
            if (carry < 0)
            {
                return -1;
            }

            for (var i = 0; i < length || carry != 0; i++)
            {
                if (i == number.Length)
                {
                    return -1;
                }

                var index = number.Length - 1 - i;
                carry += number[index] * 58;
                number[index] = (byte)carry;
                carry >>= 8;
                if (i >= length)
                {
                    length = i + 1;
                }
            }
        }

        var total = zeros + length;
        if (total < 5 || total > output.Length)
        {
            return -1;
        }

        output[..zeros].Clear();
        number[^length..].CopyTo(output[zeros..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(output[..(total - 4)], hash);
        SHA256.HashData(hash, hash);
        return hash[..4].SequenceEqual(output.Slice(total - 4, 4)) ? total - 4 : -1;
    }
}
