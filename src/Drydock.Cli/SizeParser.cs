using System.Globalization;

namespace Drydock.Cli;

/// <summary>Parses sizes such as <c>512MiB</c>, <c>10GB</c>, <c>4096</c> (bytes) for limit flags.</summary>
public static class SizeParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a user-facing message.</summary>
    public static long Parse(string text)
    {
        var t = text.Trim();
        var i = 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '.'))
        {
            i++;
        }

        if (i == 0 || !double.TryParse(t[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{text}' is not a size (for example 512MiB, 10GB or 4096)");
        }

        var multiplier = t[i..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "K" or "KB" => 1000L,
            "KI" or "KIB" => 1024L,
            "M" or "MB" => 1000L * 1000,
            "MI" or "MIB" => 1024L * 1024,
            "G" or "GB" => 1000L * 1000 * 1000,
            "GI" or "GIB" => 1024L * 1024 * 1024,
            "T" or "TB" => 1000L * 1000 * 1000 * 1000,
            "TI" or "TIB" => 1024L * 1024 * 1024 * 1024,
            _ => throw new FormatException($"'{text}' has an unknown unit (use B, KB, KiB, MB, MiB, GB, GiB, TB or TiB)"),
        };
        var value = number * multiplier;
        if (value is < 1 or > long.MaxValue / 2)
        {
            throw new FormatException($"'{text}' is out of range");
        }

        return (long)value;
    }
}
