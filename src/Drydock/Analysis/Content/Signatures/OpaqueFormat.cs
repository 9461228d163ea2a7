namespace Drydock.Analysis.Content.Signatures;

/// <summary>File formats whose bytes hide any literal a signature could look for (compressed streams, compressed
/// images and fonts), or that only hold translations (gettext catalogues); skipped by magic bytes.</summary>
public static class OpaqueFormat
{
    private static ReadOnlySpan<byte> Gzip => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> Xz => [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
    private static ReadOnlySpan<byte> Zstd => [0x28, 0xb5, 0x2f, 0xfd];
    private static ReadOnlySpan<byte> Lz4 => [0x04, 0x22, 0x4d, 0x18];
    private static ReadOnlySpan<byte> SevenZip => [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4e, 0x47];
    private static ReadOnlySpan<byte> Jpeg => [0xff, 0xd8, 0xff];
    private static ReadOnlySpan<byte> MoLittle => [0xde, 0x12, 0x04, 0x95];
    private static ReadOnlySpan<byte> MoBig => [0x95, 0x04, 0x12, 0xde];

    /// <summary>True when <paramref name="head"/> starts with one of the formats' magic bytes.</summary>
    public static bool Is(ReadOnlySpan<byte> head) =>
        head.StartsWith(Gzip) || head.StartsWith(Xz) || head.StartsWith(Zstd) || head.StartsWith(Lz4) || head.StartsWith(SevenZip)
        || (head.StartsWith("BZh"u8) && head.Length > 3 && head[3] is >= (byte)'1' and <= (byte)'9')
        || head.StartsWith(Png) || head.StartsWith(Jpeg) || head.StartsWith("GIF8"u8)
        || head.StartsWith("wOFF"u8) || head.StartsWith("wOF2"u8) // web fonts (compressed tables)
        || head.StartsWith(MoLittle) || head.StartsWith(MoBig); // gettext catalogues
}
