using System.Globalization;
using System.Text.Json;

namespace Drydock.Advisories.Builders.Kev;

/// <summary>Reads the CISA Known Exploited Vulnerabilities catalogue JSON.</summary>
internal static class KevReader
{
    /// <summary>True when <paramref name="root"/> has "catalogVersion" and "vulnerabilities".</summary>
    public static bool IsCatalogue(JsonElement root)
        => root.ValueKind == JsonValueKind.Object && root.Get("catalogVersion") is not null && root.Get("vulnerabilities") is not null;

    /// <summary>Reads every entry into <paramref name="into"/>.</summary>
    public static void Read(JsonElement root, ParsedFile into)
    {
        var index = 0;
        foreach (var item in root.Items("vulnerabilities"))
        {
            index++;
            var cve = item.GetText("cveID");
            if (cve is not { Length: > 0 }
                || !DateOnly.TryParseExact(item.GetText("dateAdded"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var added))
            {
                into.Problem($"vulnerabilities[{index}] ({cve ?? "no cveID"}): missing cveID or dateAdded");
                continue;
            }

            into.Kev.Add(new KevEntry(
                cve.Trim(),
                added,
                item.GetText("vendorProject"),
                item.GetText("product"),
                item.GetText("vulnerabilityName"),
                string.Equals(item.GetText("knownRansomwareCampaignUse"), "Known", StringComparison.OrdinalIgnoreCase)));
        }
    }
}
