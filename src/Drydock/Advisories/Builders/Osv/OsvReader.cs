using System.Text.Json;

namespace Drydock.Advisories.Builders.Osv;

/// <summary>Reads OSV records (schema 1.x, any ecosystem, including MAL- malicious-package records) from a parsed JSON tree.</summary>
internal static class OsvReader
{
    private static readonly string[] EventKinds = ["introduced", "fixed", "last_affected", "limit"];

    /// <summary>True when <paramref name="root"/> looks like one OSV record.</summary>
    public static bool IsRecord(JsonElement root)
        => root.ValueKind == JsonValueKind.Object && root.GetText("id") is not null
            && (root.Get("affected") is not null || root.Get("modified") is not null);

    /// <summary>Reads one record into <paramref name="into"/>; a record without an id or with a malformed body is a problem.</summary>
    public static void Read(JsonElement root, ParsedFile into)
    {
        if (root.GetText("id") is not { Length: > 0 } id)
        {
            into.Problem("OSV record without an id");
            return;
        }

        var source = AdvisorySources.ForOsvId(id);
        var severities = new List<SeverityEntry>();
        foreach (var severity in root.Items("severity"))
        {
            if (severity.GetText("score") is not { Length: > 0 } score)
            {
                continue;
            }

            var type = severity.GetText("type") ?? "";
            var isVector = type.StartsWith("CVSS", StringComparison.OrdinalIgnoreCase) || score.StartsWith("CVSS:", StringComparison.Ordinal);
            severities.Add(isVector ? new SeverityEntry(source, null, score) : new SeverityEntry(source, score, null));
        }

        if (root.Get("database_specific") is { } specific && specific.GetText("severity") is { Length: > 0 } rating)
        {
            severities.Add(new SeverityEntry(source, rating, null));
        }

        var references = new List<string>();
        foreach (var reference in root.Items("references"))
        {
            if (reference.GetText("url") is { Length: > 0 } url)
            {
                references.Add(url);
            }
        }

        // OSV 1.7's "upstream" names what a distro's record derives from (UBUNTU-CVE-2024-1 from CVE-2024-1): for matching it is
        // one more name of the same vulnerability, so the finding is the CVE's, with the CVE's own severity. An RPM distribution's
        // erratum (ALSA, RLSA, RHSA) lists the CVEs it fixes under "related" instead: a bundle, like a DSA's CVEs.
        var related = IsErratum(id) ? root.Strings("related").Where(r => r.StartsWith("CVE-", StringComparison.Ordinal)) : [];
        var upstream = root.Strings("upstream").Select(DerivedCve).Distinct(StringComparer.Ordinal).ToList();
        if (upstream.Count > 1 && id.StartsWith("USN-", StringComparison.Ordinal))
        {
            // An Ubuntu notice bundles CVEs per update without saying which apply to which release, and Ubuntu publishes a
            // record per CVE beside it: taking the notice as each CVE would claim CVEs for releases they never touched. It
            // stays a finding of its own.
            upstream = [];
        }

        var aliases = root.Strings("aliases").Concat(upstream).Concat(related)
            .Where(a => a != id).Distinct(StringComparer.Ordinal).ToList();
        var record = new AdvisoryRecord(
            id,
            source,
            aliases,
            root.GetText("summary") is { Length: > 0 } summary ? summary : null,
            root.GetTime("published"),
            root.GetTime("modified"),
            root.GetText("withdrawn") is { Length: > 0 },
            severities,
            references);
        into.AddWhole(record);
        if (IsBugFixOrEnhancement(id))
        {
            return; // kept for look-ups, but an update that fixes no vulnerability is not a finding
        }

        var index = 0;
        foreach (var affected in root.Items("affected"))
        {
            index++;
            if (ReadAffected(id, source, affected) is { } package)
            {
                into.Affected.Add(package);
            }
            else
            {
                into.Problem($"{id}: affected[{index}] has no package ecosystem and name");
            }
        }
    }

    private static AffectedPackage? ReadAffected(string id, string source, JsonElement affected)
    {
        if (affected.Get("package") is not { } package
            || package.GetText("ecosystem") is not { Length: > 0 } rawEcosystem
            || package.GetText("name") is not { Length: > 0 } rawName)
        {
            return null;
        }

        var ecosystem = EcosystemNames.NormaliseEcosystem(rawEcosystem);
        var ranges = new List<AffectedRange>();
        var fixedVersions = new List<string>();
        foreach (var range in affected.Items("ranges"))
        {
            var events = new List<RangeEvent>();
            foreach (var rangeEvent in range.Items("events"))
            {
                foreach (var kind in EventKinds)
                {
                    if (rangeEvent.GetText(kind) is { Length: > 0 } version)
                    {
                        events.Add(new RangeEvent(kind, version));
                        if (kind == "fixed" && !fixedVersions.Contains(version))
                        {
                            fixedVersions.Add(version);
                        }
                    }
                }
            }

            ranges.Add(new AffectedRange(range.GetText("type") ?? "ECOSYSTEM", events));
        }

        return new AffectedPackage(
            id,
            ecosystem,
            EcosystemNames.NormalisePackageName(ecosystem, rawName),
            ranges,
            affected.Strings("versions"),
            fixedVersions.Count > 0 ? AdvisoryStatus.Fixed : AdvisoryStatus.Affected,
            fixedVersions)
        { Source = source };
    }

    // "CVE-2024-1" for a distribution's own record of it ("UBUNTU-CVE-2024-1", "DEBIAN-CVE-2024-1"), as upstream lists name them.
    private static string DerivedCve(string id)
    {
        var at = id.IndexOf("-CVE-", StringComparison.Ordinal);
        return at > 0 && id.AsSpan(0, at) is "UBUNTU" or "DEBIAN" ? id[(at + 1)..] : id;
    }

    // Security errata of the RPM distributions: AlmaLinux (ALSA), Rocky (RLSA, RXSA), Red Hat (RHSA), Oracle (ELSA).
    private static bool IsErratum(string id) => ErratumKind(id) is "ALSA" or "RLSA" or "RXSA" or "RHSA" or "ELSA";

    // Their bug-fix and enhancement errata (ALBA, ALEA, RLBA, RLEA, RHBA, RHEA, ELBA, ELEA): AlmaLinux publishes about a
    // thousand, most naming no CVE, and each would otherwise be a "vulnerability" of every older package it updates.
    private static bool IsBugFixOrEnhancement(string id)
        => ErratumKind(id) is "ALBA" or "ALEA" or "RLBA" or "RLEA" or "RHBA" or "RHEA" or "ELBA" or "ELEA";

    private static ReadOnlySpan<char> ErratumKind(string id)
    {
        var dash = id.AsSpan().IndexOfAny('-', ':');
        return dash > 0 ? id.AsSpan(0, dash) : [];
    }
}
