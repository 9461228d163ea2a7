using System.Globalization;
using System.Text.RegularExpressions;

namespace Drydock.Advisories.Builders.Debian;

/// <summary>Reads the Debian security tracker's <c>data/DSA/list</c> and <c>data/DLA/list</c>. Each entry is a header
/// <c>[29 Mar 2023] DSA-5380-1 source - title</c>, then optionally <c>{CVE ids}</c>, then per release
/// <c>[bullseye] - source fixed-version</c> or a tag:
/// a version → <see cref="AdvisoryStatus.Fixed"/>; <c>&lt;not-affected&gt;</c> → NotAffected; <c>&lt;unfixed&gt;</c>,
/// <c>&lt;no-dsa&gt;</c>, <c>&lt;postponed&gt;</c> → Unfixed (the tag kept as the note); <c>&lt;ignored&gt;</c> → WillNotFix;
/// <c>&lt;end-of-life&gt;</c> → EndOfLife. A parenthesised remark joins the note. The advisory keeps its CVEs as aliases, and each
/// CVE is stored as a derived record aliasing the advisory, so a look-up by either finds the other.</summary>
internal static partial class DebianListReader
{
    /// <summary>True when the UTF-8 text starts like a DSA/DLA list.</summary>
    public static bool IsList(ReadOnlySpan<byte> utf8)
    {
        var firstLine = utf8[..Math.Min(utf8.Length, 512)];
        var newline = firstLine.IndexOf((byte)'\n');
        return IsList(System.Text.Encoding.UTF8.GetString(newline < 0 ? firstLine : firstLine[..newline]));
    }

    /// <summary>True when the text starts like a DSA/DLA list.</summary>
    public static bool IsList(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            return Header().IsMatch(line);
        }

        return false;
    }

    /// <summary>Reads every entry into <paramref name="into"/>.</summary>
    public static void Read(string text, ParsedFile into)
    {
        Entry? entry = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                Flush(entry, into);
                entry = null;
                var header = Header().Match(line);
                if (!header.Success)
                {
                    into.Problem($"line {lineNumber}: not an advisory header");
                    continue;
                }

                DateTimeOffset? date = DateTime.TryParseExact(header.Groups["date"].Value, ["d MMM yyyy", "dd MMM yyyy"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) ? new DateTimeOffset(parsed, TimeSpan.Zero) : null;
                var rest = header.Groups["rest"].Value.Trim();
                var separator = rest.IndexOf(" - ", StringComparison.Ordinal);
                var package = rest.StartsWith('-') ? "" : (separator < 0 ? rest : rest[..separator]).Trim();
                var title = rest.StartsWith('-') ? rest[1..].Trim() : separator < 0 ? null : rest[(separator + 3)..].Trim();
                entry = new Entry(header.Groups["id"].Value, package, string.IsNullOrEmpty(title) ? null : title, date);
                continue;
            }

            if (entry is null)
            {
                continue; // detail lines of a header already reported
            }

            var trimmed = line.Trim();
            if (trimmed.StartsWith('{'))
            {
                var close = trimmed.IndexOf('}');
                var ids = (close < 0 ? trimmed[1..] : trimmed[1..close]).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                entry.Aliases.AddRange(ids.Where(i => i != entry.Id && !entry.Aliases.Contains(i)));
                continue;
            }

            if (trimmed.StartsWith("NOTE:", StringComparison.Ordinal))
            {
                continue;
            }

            var release = ReleaseLine().Match(trimmed);
            if (!release.Success)
            {
                into.Problem($"{entry.Id}: line {lineNumber}: unreadable release line");
                continue;
            }

            var ecosystem = EcosystemNames.DebianRelease(release.Groups["release"].Value);
            if (ecosystem is null)
            {
                into.Problem($"{entry.Id}: line {lineNumber}: unknown Debian release '{release.Groups["release"].Value}'");
                continue;
            }

            entry.Releases.Add(ToAffected(entry.Id, ecosystem, release.Groups["package"].Value, release.Groups["state"].Value,
                release.Groups["note"].Success ? release.Groups["note"].Value.Trim() : null));
        }

        Flush(entry, into);
    }

    private static AffectedPackage ToAffected(string id, string ecosystem, string package, string state, string? remark)
    {
        var source = AdvisorySources.ForDebianListId(id);
        if (!state.StartsWith('<'))
        {
            return new AffectedPackage(
                id,
                ecosystem,
                package,
                [new AffectedRange("ECOSYSTEM", [new RangeEvent("introduced", "0"), new RangeEvent("fixed", state)])],
                [],
                AdvisoryStatus.Fixed,
                [state])
            { Source = source, Note = remark };
        }

        var tag = state.Trim('<', '>');
        var status = tag switch
        {
            "not-affected" => AdvisoryStatus.NotAffected,
            "end-of-life" => AdvisoryStatus.EndOfLife,
            "ignored" => AdvisoryStatus.WillNotFix,
            _ => AdvisoryStatus.Unfixed, // unfixed, no-dsa, postponed and any tag the tracker adds later
        };
        var note = tag is "unfixed" or "not-affected" or "end-of-life" ? remark : remark is null ? tag : $"{tag}: {remark}";
        IReadOnlyList<AffectedRange> ranges = status == AdvisoryStatus.NotAffected
            ? []
            : [new AffectedRange("ECOSYSTEM", [new RangeEvent("introduced", "0")])];
        return new AffectedPackage(id, ecosystem, package, ranges, [], status, []) { Source = source, Note = note };
    }

    private static void Flush(Entry? entry, ParsedFile into)
    {
        if (entry is null)
        {
            return;
        }

        var source = AdvisorySources.ForDebianListId(entry.Id);
        var title = entry.Package.Length > 0 && entry.Title is not null ? $"{entry.Package}: {entry.Title}" : entry.Title;
        into.Add(new AdvisoryRecord(entry.Id, source, entry.Aliases, title, entry.Date, null, false, [], []));
        foreach (var alias in entry.Aliases)
        {
            into.AddDerived(new AdvisoryRecord(alias, source, [entry.Id], null, null, null, false, [], []));
        }

        into.Affected.AddRange(entry.Releases);
    }

    private sealed record Entry(string Id, string Package, string? Title, DateTimeOffset? Date)
    {
        public List<string> Aliases { get; } = [];

        public List<AffectedPackage> Releases { get; } = [];
    }

    [GeneratedRegex(@"^\[(?<date>[^\]]{6,20})\]\s+(?<id>[A-Z]+-[0-9]+(?:-[0-9]+)?)(?<rest>.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\[(?<release>[a-z]+)\]\s+-\s+(?<package>\S+)\s+(?<state><[a-z-]+>|[^\s(]+)\s*(?:\((?<note>[^)]*)\)?)?\s*$")]
    private static partial Regex ReleaseLine();
}
