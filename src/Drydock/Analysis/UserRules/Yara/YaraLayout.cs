using System.Runtime.InteropServices;
using System.Text;
using Drydock.Analysis.Content;

namespace Drydock.Analysis.UserRules.Yara;

/// <summary>Reads a matching rule out of libyara's structures (<c>yara/types.h</c> of YARA 4.2 on a 64-bit system:
/// <c>YR_RULE</c>, <c>YR_META</c>, <c>YR_STRING</c>, <c>YR_MATCHES</c>, <c>YR_MATCH</c> and the <c>matches</c> field of
/// <c>YR_SCAN_CONTEXT</c>). The headers offer no accessor functions, only macros; <see cref="YaraRuleSet"/> checks these
/// offsets against a probe rule before trusting them.</summary>
internal static unsafe class YaraLayout
{
    private const int RuleIdentifier = 8, RuleMetas = 24, RuleStrings = 32, RuleNamespace = 40;
    private const int MetaSize = 32, MetaIdentifier = 0, MetaString = 8, MetaInteger = 16, MetaType = 24, MetaFlags = 28;
    private const int StringSize = 56, StringFlags = 0, StringIndex = 4, StringIdentifier = 48;
    private const int MatchesSize = 24, MatchesHead = 0;
    private const int MatchBase = 0, MatchOffset = 8, MatchDataLength = 20, MatchData = 24, MatchNext = 40;
    private const int ContextMatches = 160;

    private const int MetaTypeInteger = 1, MetaTypeString = 2, MetaTypeBoolean = 3;
    private const int MetaLastInRule = 1;
    private const uint StringLastInRule = 0x1000, StringPrivate = 0x100000;

    /// <summary>Most offsets reported per string and per rule: enough to show where, not a dump.</summary>
    internal const int MaxMatchesPerString = 8, MaxMatchesPerRule = 32;

    private const int MaxShownBytes = 64;

    /// <summary>Reads the rule at <paramref name="rule"/> and its string matches from <paramref name="context"/>.</summary>
    internal static YaraMatch Read(nint context, nint rule)
    {
        var name = Text(Pointer(rule, RuleIdentifier)) ?? "";
        var ns = Pointer(rule, RuleNamespace) is var n and not 0 ? Text(Pointer(n, 0)) ?? "default" : "default";
        return new YaraMatch(ns, name, Metas(Pointer(rule, RuleMetas)), Strings(context, Pointer(rule, RuleStrings)));
    }

    private static Dictionary<string, string> Metas(nint meta)
    {
        var metas = new Dictionary<string, string>(StringComparer.Ordinal);
        for (; meta != 0; meta = (Int32(meta, MetaFlags) & MetaLastInRule) != 0 ? 0 : meta + MetaSize)
        {
            var identifier = Text(Pointer(meta, MetaIdentifier));
            if (identifier is null)
            {
                continue;
            }

            var value = Int32(meta, MetaType) switch
            {
                MetaTypeString => Text(Pointer(meta, MetaString)),
                MetaTypeInteger => Int64(meta, MetaInteger).ToString(System.Globalization.CultureInfo.InvariantCulture),
                MetaTypeBoolean => Int64(meta, MetaInteger) != 0 ? "true" : "false",
                _ => null,
            };
            if (value is not null)
            {
                metas.TryAdd(identifier, value);
            }
        }

        return metas;
    }

    private static List<FindingEvidence> Strings(nint context, nint yrString)
    {
        var evidence = new List<FindingEvidence>();
        var matches = Pointer(context, ContextMatches);
        for (; yrString != 0 && matches != 0; yrString = (UInt32(yrString, StringFlags) & StringLastInRule) != 0 ? 0 : yrString + StringSize)
        {
            if ((UInt32(yrString, StringFlags) & StringPrivate) != 0)
            {
                continue;
            }

            var identifier = Text(Pointer(yrString, StringIdentifier)) ?? "$";
            var match = Pointer(matches + (nint)UInt32(yrString, StringIndex) * MatchesSize, MatchesHead);
            for (var shown = 0; match != 0 && shown < MaxMatchesPerString && evidence.Count < MaxMatchesPerRule; match = Pointer(match, MatchNext), shown++)
            {
                var offset = Int64(match, MatchBase) + Int64(match, MatchOffset);
                var data = new ReadOnlySpan<byte>((void*)Pointer(match, MatchData), Math.Clamp(Int32(match, MatchDataLength), 0, MaxShownBytes));
                evidence.Add(new FindingEvidence("string", $"{identifier}: {Printable(data)}", offset));
            }
        }

        return evidence;
    }

    /// <summary>Printable ASCII as it is, other bytes as <c>\xNN</c>.</summary>
    internal static string Printable(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(data.Length);
        foreach (var b in data)
        {
            if (b is >= 0x20 and < 0x7f && b != '\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(b == '\\' ? "\\\\" : $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }

    private static nint Pointer(nint address, int offset) => *(nint*)(address + offset);

    private static int Int32(nint address, int offset) => *(int*)(address + offset);

    private static uint UInt32(nint address, int offset) => *(uint*)(address + offset);

    private static long Int64(nint address, int offset) => *(long*)(address + offset);

    private static string? Text(nint pointer) => pointer == 0 ? null : Marshal.PtrToStringUTF8(pointer);
}
