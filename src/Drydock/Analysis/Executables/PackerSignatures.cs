using System.Collections.Frozen;
using Drydock.Analysis.Content;

namespace Drydock.Analysis.Executables;

/// <summary>Recognises executable packers and protectors by the section names they write and by UPX's <c>UPX!</c>
/// marker, which UPX places near the start (after the headers) and near the end of every file it packs, whatever the format.</summary>
internal static class PackerSignatures
{
    /// <summary>How far from either end of the file the <c>UPX!</c> marker is looked for.</summary>
    public const int MarkerWindow = 4096;

    private static readonly FrozenDictionary<string, string> Sections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UPX0"] = "upx", ["UPX1"] = "upx", ["UPX2"] = "upx",
        [".aspack"] = "aspack", [".adata"] = "aspack",
        [".MPRESS1"] = "mpress", [".MPRESS2"] = "mpress",
        [".nsp0"] = "nspack", [".nsp1"] = "nspack", [".nsp2"] = "nspack",
        [".petite"] = "petite",
        ["MEW"] = "mew",
        [".WWP32"] = "wwpack32",
        ["yC"] = "yoda-crypter",
        [".themida"] = "themida", [".winlice"] = "winlicense",
        [".vmp0"] = "vmprotect", [".vmp1"] = "vmprotect", [".vmp2"] = "vmprotect",
        [".enigma1"] = "enigma", [".enigma2"] = "enigma",
        ["PEC2"] = "pecompact", ["PEC2TO"] = "pecompact", ["PECompact2"] = "pecompact",
        [".RLPack"] = "rlpack",
        ["kkrunchy"] = "kkrunchy",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The packer, and what showed it; (null, null) when nothing did. With several layers (a crypter over UPX)
    /// the packer of the last packer-named section (the outermost layer, added last) is named.</summary>
    public static (string? Packer, List<FindingEvidence>? Evidence) Find(ReadOnlySpan<byte> content, IReadOnlyList<string> sectionNames)
    {
        string? packer = null;
        List<FindingEvidence>? evidence = null;
        foreach (var name in sectionNames)
        {
            if (Sections.TryGetValue(name, out var p))
            {
                packer = p;
                (evidence ??= []).Add(new FindingEvidence("structure", "section " + name));
            }
        }

        var marker = MarkerOffset(content);
        if (marker >= 0)
        {
            packer ??= "upx";
            (evidence ??= []).Add(new FindingEvidence("string", "UPX!", marker));
        }

        return (packer, evidence);
    }

    // The first UPX! within the leading window, else the last within the trailing window; -1 when absent.
    private static long MarkerOffset(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, MarkerWindow)];
        var at = head.IndexOf("UPX!"u8);
        if (at >= 0)
        {
            return at;
        }

        var start = Math.Max(head.Length, content.Length - MarkerWindow);
        at = content[start..].LastIndexOf("UPX!"u8);
        return at < 0 ? -1 : start + at;
    }
}
