using System.Text.Json;

namespace Drydock.Advisories.Builders.Debian;

/// <summary>Reads the Debian security tracker's JSON export: <c>{ source-package: { CVE: { description, releases: { codename:
/// { status, fixed_version, urgency, nodsa, nodsa_reason } } } } }</c>. Per release: "resolved" with a version → Fixed (the
/// version "0" → NotAffected); "open" → Unfixed, or WillNotFix when <c>nodsa_reason</c> is "ignored", EndOfLife when it or the
/// urgency is "end-of-life" (the tracker marks a release's unsupported packages by urgency), with the no-dsa reason as the note;
/// "undetermined" → Affected with the note "undetermined". Urgencies become the record's severities (source debian-tracker),
/// without the tracker's "**" mark ("high**" is high); "end-of-life" and "not yet assigned" are not severities.</summary>
internal static class DebianTrackerJsonReader
{
    /// <summary>True when <paramref name="root"/> maps package names to objects keyed by CVE or TEMP ids that hold "releases".</summary>
    public static bool IsExport(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var package in root.EnumerateObject())
        {
            if (package.Value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var issue in package.Value.EnumerateObject())
            {
                return issue.Value.Get("releases") is not null;
            }
        }

        return false;
    }

    /// <summary>Reads every package and issue into <paramref name="into"/>.</summary>
    public static void Read(JsonElement root, ParsedFile into)
    {
        const string source = AdvisorySources.DebianTracker;
        var records = new Dictionary<string, (string? Title, HashSet<string> Urgencies)>(StringComparer.Ordinal);
        foreach (var package in root.EnumerateObject())
        {
            if (package.Value.ValueKind != JsonValueKind.Object)
            {
                into.Problem($"{package.Name}: not an object of issues");
                continue;
            }

            foreach (var issue in package.Value.EnumerateObject())
            {
                var releases = issue.Value.Get("releases");
                if (releases is { ValueKind: JsonValueKind.Array } none && none.GetArrayLength() == 0)
                {
                    continue; // the tracker writes [] for an issue no release carries: nothing to record
                }

                if (releases is not { ValueKind: JsonValueKind.Object })
                {
                    into.Problem($"{package.Name} {issue.Name}: no releases");
                    continue;
                }

                if (!records.TryGetValue(issue.Name, out var record))
                {
                    record = (null, new HashSet<string>(StringComparer.Ordinal));
                    records[issue.Name] = record;
                }

                if (record.Title is null && issue.Value.GetText("description") is { Length: > 0 } description)
                {
                    records[issue.Name] = record = (description, record.Urgencies);
                }

                foreach (var release in releases.Value.EnumerateObject())
                {
                    if (EcosystemNames.DebianRelease(release.Name) is not { } ecosystem)
                    {
                        continue; // sid and experimental have no release number; scans of them match nothing here
                    }

                    if (Severity(release.Value.GetText("urgency")) is { } urgency)
                    {
                        record.Urgencies.Add(urgency);
                    }

                    into.Affected.Add(ToAffected(issue.Name, ecosystem, package.Name, release.Value));
                }
            }
        }

        foreach (var (id, (title, urgencies)) in records)
        {
            into.Add(new AdvisoryRecord(id, source, [], title, null, null, false,
                [.. urgencies.Order(StringComparer.Ordinal).Select(u => new SeverityEntry(source, u, null))], []));
        }
    }

    // The urgency as a severity rating: "high**" (the tracker's mark for an urgency it took from elsewhere) is high; what is not a
    // rating (end-of-life, not yet assigned) is none.
    private static string? Severity(string? urgency)
    {
        var rating = urgency?.TrimEnd('*').Trim();
        return rating is { Length: > 0 } and not (EndOfLife or "not yet assigned") ? rating : null;
    }

    private const string EndOfLife = "end-of-life";

    private static AffectedPackage ToAffected(string id, string ecosystem, string package, JsonElement release)
    {
        var status = release.GetText("status") ?? "";
        var fixedVersion = release.GetText("fixed_version");
        var reason = release.GetText("nodsa_reason");
        var nodsa = release.GetText("nodsa");
        AffectedRange all = new("ECOSYSTEM", [new RangeEvent("introduced", "0")]);
        if (status == "resolved" && fixedVersion is { Length: > 0 })
        {
            return fixedVersion == "0"
                ? new AffectedPackage(id, ecosystem, package, [], [], AdvisoryStatus.NotAffected, []) { Source = AdvisorySources.DebianTracker }
                : new AffectedPackage(id, ecosystem, package,
                    [new AffectedRange("ECOSYSTEM", [new RangeEvent("introduced", "0"), new RangeEvent("fixed", fixedVersion)])],
                    [], AdvisoryStatus.Fixed, [fixedVersion])
                { Source = AdvisorySources.DebianTracker };
        }

        var (state, note) = status switch
        {
            "undetermined" => (AdvisoryStatus.Affected, "undetermined"),
            _ when reason == "ignored" => (AdvisoryStatus.WillNotFix, "ignored" + (nodsa is { Length: > 0 } ? ": " + nodsa : "")),
            _ when reason == EndOfLife => (AdvisoryStatus.EndOfLife, nodsa),
            _ when release.GetText("urgency") == EndOfLife => (AdvisoryStatus.EndOfLife, nodsa is { Length: > 0 } ? nodsa : EndOfLife),
            _ when reason is { Length: > 0 } => (AdvisoryStatus.Unfixed, reason + (nodsa is { Length: > 0 } ? ": " + nodsa : "")),
            _ when nodsa is not null => (AdvisoryStatus.Unfixed, "no-dsa" + (nodsa.Length > 0 ? ": " + nodsa : "")),
            _ when release.GetText("urgency") == "unimportant" => (AdvisoryStatus.Unfixed, "unimportant"),
            _ => (AdvisoryStatus.Unfixed, (string?)null),
        };
        return new AffectedPackage(id, ecosystem, package, [all], [], state, []) { Source = AdvisorySources.DebianTracker, Note = note };
    }
}
