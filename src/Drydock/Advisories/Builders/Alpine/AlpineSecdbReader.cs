using System.Text.Json;

namespace Drydock.Advisories.Builders.Alpine;

/// <summary>Reads Alpine secdb (YAML or JSON, the same tree): <c>packages[].pkg.secfixes</c> maps a fixed version to the ids it
/// fixes. Each id becomes an <see cref="AffectedPackage"/> of the origin package in "Alpine:&lt;distroversion&gt;", fixed at that
/// version (range introduced "0", fixed there); the version "0" means not affected in that release. An entry such as
/// "CVE-2017-8904 XSA-214" is read as the first id with the rest as its aliases.</summary>
internal static class AlpineSecdbReader
{
    /// <summary>True when <paramref name="root"/> looks like a secdb file ("packages" may be empty, as in v3.3/community).</summary>
    public static bool IsSecdb(JsonElement root)
        => root.ValueKind == JsonValueKind.Object && root.Get("distroversion") is not null
            && root.TryGetProperty("packages", out var packages) && packages.ValueKind is JsonValueKind.Array or JsonValueKind.Null;

    /// <summary>Reads the file's secfixes into <paramref name="into"/>.</summary>
    public static void Read(JsonElement root, ParsedFile into)
    {
        if (root.GetText("distroversion") is not { Length: > 0 } release)
        {
            into.Problem("secdb file without a distroversion");
            return;
        }

        var ecosystem = "Alpine:" + release.Trim();
        foreach (var entry in root.Items("packages"))
        {
            var package = entry.Get("pkg") ?? entry;
            if (package.GetText("name") is not { Length: > 0 } name)
            {
                into.Problem($"{ecosystem}: package entry without a name");
                continue;
            }

            if (package.Get("secfixes") is not { ValueKind: JsonValueKind.Object } secfixes)
            {
                continue;
            }

            foreach (var fix in secfixes.EnumerateObject())
            {
                var version = fix.Name.Trim();
                if (fix.Value.ValueKind != JsonValueKind.Array)
                {
                    if (fix.Value.ValueKind != JsonValueKind.Null)
                    {
                        into.Problem($"{ecosystem} {name} {version}: secfixes entry is not a list");
                    }

                    continue;
                }

                foreach (var item in fix.Value.EnumerateArray())
                {
                    var tokens = (JsonFields.Text(item) ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (tokens.Length == 0 || version.Length == 0)
                    {
                        into.Problem($"{ecosystem} {name} {version}: empty secfixes entry");
                        continue;
                    }

                    var id = tokens[0];
                    into.Add(new AdvisoryRecord(id, AdvisorySources.AlpineSecdb, [.. tokens.Skip(1).Distinct(StringComparer.Ordinal)], null, null, null, false, [], []));
                    into.Affected.Add(version == "0"
                        ? new AffectedPackage(id, ecosystem, name, [], [], AdvisoryStatus.NotAffected, []) { Source = AdvisorySources.AlpineSecdb }
                        : new AffectedPackage(
                            id,
                            ecosystem,
                            name,
                            [new AffectedRange("ECOSYSTEM", [new RangeEvent("introduced", "0"), new RangeEvent("fixed", version)])],
                            [],
                            AdvisoryStatus.Fixed,
                            [version])
                        { Source = AdvisorySources.AlpineSecdb });
                }
            }
        }
    }
}
