namespace Drydock.Analysis.Content.Signatures;

/// <summary>BIP 173 / BIP 350 checksums of Bitcoin segwit addresses (<c>bc1…</c>).</summary>
public static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;

    private static ReadOnlySpan<uint> Generator => [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>True for a lower-case mainnet segwit address whose checksum holds: version 0 with Bech32 and a 20- or
    /// 32-byte program, versions 1-16 with Bech32m.</summary>
    public static bool IsBitcoinSegwit(ReadOnlySpan<byte> text)
    {
        if (text.Length < 14 || text.Length > 90 || !text.StartsWith("bc1"u8))
        {
            return false;
        }

        var data = text[3..];
        Span<byte> values = stackalloc byte[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var v = Charset.IndexOf((char)data[i], StringComparison.Ordinal);
            if (v < 0)
            {
                return false;
            }

            values[i] = (byte)v;
        }

        // Polymod over the expanded human-readable part "bc" then the data.
        uint chk = 1;
        ReadOnlySpan<byte> hrp = "bc"u8;
        foreach (var c in hrp)
        {
            chk = Step(chk, (byte)(c >> 5));
        }

        chk = Step(chk, 0);
        foreach (var c in hrp)
        {
            chk = Step(chk, (byte)(c & 31));
        }

        foreach (var v in values)
        {
            chk = Step(chk, v);
        }

        var version = values[0];
        var programBits = (values.Length - 1 - 6) * 5;
        var programBytes = programBits / 8;
        return version switch
        {
            0 => chk == Bech32Constant && programBytes is 20 or 32,
            <= 16 => chk == Bech32mConstant && programBytes is >= 2 and <= 40,
            _ => false,
        };
    }

    private static uint Step(uint chk, byte value)
    {
        var top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (var i = 0; i < 5; i++)
        {
            if (((top >> i) & 1) != 0)
            {
                chk ^= Generator[i];
            }
        }

        return chk;
    }
}
