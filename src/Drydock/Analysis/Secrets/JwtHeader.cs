using System.Buffers.Text;

namespace Drydock.Analysis.Secrets;

/// <summary>Checks that a JWT-shaped string really is one: its first segment decodes (base64url) to a JSON header naming an algorithm.</summary>
public static class JwtHeader
{
    /// <summary>True when the header segment of <paramref name="token"/> decodes to JSON containing <c>"alg"</c>.</summary>
    public static bool HasAlgorithm(string token)
    {
        var dot = token.IndexOf('.');
        var header = dot < 0 ? token.AsSpan() : token.AsSpan(0, dot);
        if (header.Length > 2048)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (Base64Url.DecodeFromChars(header, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var json = decoded[..written].Trim(" \t\r\n"u8);
        return json.Length > 0 && json[0] == (byte)'{' && json.IndexOf("\"alg\""u8) >= 0;
    }
}
