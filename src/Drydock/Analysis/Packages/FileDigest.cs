namespace Drydock.Analysis.Packages;

/// <summary>A digest of one installed file as a package database records it: algorithm (lower case: md5, sha1,
/// sha256, …) and lower-case hex. Written <c>ALGORITHM:hex</c>.</summary>
/// <param name="Algorithm">The algorithm, lower case (<c>md5</c>, <c>sha1</c>, <c>sha256</c>, <c>sha512</c>, …).</param>
/// <param name="Hex">The digest in lower-case hexadecimal.</param>
public readonly record struct FileDigest(string Algorithm, string Hex)
{
    public const string Md5 = "md5";
    public const string Sha1 = "sha1";
    public const string Sha256 = "sha256";

    public override string ToString() => $"{Algorithm}:{Hex}";

    /// <summary>Parses <c>ALGORITHM:hex</c>; null for anything else.</summary>
    public static FileDigest? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        if (colon <= 0 || colon == text!.Length - 1 || text.AsSpan(colon + 1).ContainsAnyExcept("0123456789abcdef"))
        {
            return null;
        }

        return new FileDigest(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Makes a digest from hex of any case; null when <paramref name="hex"/> is not hexadecimal of <paramref name="length"/> digits.</summary>
    public static FileDigest? FromHex(string algorithm, ReadOnlySpan<char> hex, int length)
        => hex.Length == length && !hex.ContainsAnyExcept("0123456789abcdefABCDEF") ? new FileDigest(algorithm, hex.ToString().ToLowerInvariant()) : null;

    /// <summary>An evidence value: <c>path ALGORITHM:hex</c> (the digest never holds a space, the path may).</summary>
    public static string Entry(string path, FileDigest digest) => $"{path} {digest}";

    /// <summary>Splits an evidence value written by <see cref="Entry"/>.</summary>
    public static bool TryParseEntry(string entry, out string path, out FileDigest digest)
    {
        var space = entry.LastIndexOf(' ');
        if (space > 0 && Parse(entry[(space + 1)..]) is { } parsed)
        {
            (path, digest) = (entry[..space], parsed);
            return true;
        }

        (path, digest) = (string.Empty, default);
        return false;
    }
}
