using System.Text;

namespace Drydock.Sandbox.Network;

/// <summary>A short, printable rendering of unknown bytes for the report.</summary>
internal static class PayloadPreview
{
    /// <summary>Bytes of the payload shown at most.</summary>
    public const int MaxBytes = 128;

    /// <summary>Printable ASCII as is, every other byte as <c>\xHH</c>, the first <see cref="MaxBytes"/> bytes only.</summary>
    public static string Of(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder();
        foreach (var b in data[..Math.Min(data.Length, MaxBytes)])
        {
            if (b is >= 0x20 and < 0x7F && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
