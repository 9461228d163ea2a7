using System.Text.Json;

namespace Drydock.Advisories.Builders.Nvd;

/// <summary>Reads NVD CVE API 2.0 JSON (an API response, a yearly feed, or one CVE record as per-CVE mirrors keep it): per
/// <c>vulnerabilities[].cve</c> the English description as title, dates, "Rejected" status as withdrawn, references, and every
/// CVSS metric (v4.0, v3.1, v3.0, v2) as a severity entry. Metrics scored by NVD itself carry the source "nvd"; those from a CNA carry the CNA's source name.
/// Vectors are kept as given (v2 vectors have no "CVSS:" prefix). No affected packages: NVD's CPE configurations are not used.</summary>
internal static class NvdReader
{
    private static readonly string[] MetricKeys = ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"];

    /// <summary>True when <paramref name="root"/> has "vulnerabilities" whose items hold "cve" (or says format NVD_CVE), or is one
    /// CVE record on its own (<see cref="IsSingleRecord"/>).</summary>
    public static bool IsNvd(JsonElement root)
    {
        if (IsSingleRecord(root))
        {
            return true;
        }

        if (root.ValueKind != JsonValueKind.Object || root.Get("vulnerabilities") is not { ValueKind: JsonValueKind.Array } items)
        {
            return false;
        }

        if (root.GetText("format") == "NVD_CVE")
        {
            return true;
        }

        foreach (var item in items.EnumerateArray())
        {
            return item.Get("cve") is { ValueKind: JsonValueKind.Object };
        }

        return false;
    }

    // One CVE as the API's "cve" object, bare or under "cve" (how mirrors that keep a file per CVE store it): an id with NVD's
    // own fields ("descriptions" and "vulnStatus" or "sourceIdentifier"), which an OSV record never has.
    private static bool IsSingleRecord(JsonElement root)
    {
        var cve = SingleRecord(root);
        return cve.ValueKind == JsonValueKind.Object
            && cve.GetText("id") is { Length: > 0 }
            && cve.Get("descriptions") is { ValueKind: JsonValueKind.Array }
            && (cve.GetText("vulnStatus") is not null || cve.GetText("sourceIdentifier") is not null)
            && cve.Get("affected") is null;
    }

    private static JsonElement SingleRecord(JsonElement root)
        => root.ValueKind == JsonValueKind.Object && root.Get("cve") is { ValueKind: JsonValueKind.Object } inner && root.EnumerateObject().Count() == 1
            ? inner : root;

    /// <summary>Reads every CVE into <paramref name="into"/>.</summary>
    public static void Read(JsonElement root, ParsedFile into)
    {
        if (IsSingleRecord(root))
        {
            var single = SingleRecord(root);
            ReadCve(single, single.GetText("id")!, into);
            return;
        }

        var index = 0;
        foreach (var item in root.Items("vulnerabilities"))
        {
            index++;
            if (item.Get("cve") is not { ValueKind: JsonValueKind.Object } cve || cve.GetText("id") is not { Length: > 0 } id)
            {
                into.Problem($"vulnerabilities[{index}] has no cve.id");
                continue;
            }

            ReadCve(cve, id, into);
        }
    }

    private static void ReadCve(JsonElement cve, string id, ParsedFile into)
    {
        string? title = null;
        foreach (var description in cve.Items("descriptions"))
        {
            if (description.GetText("lang") == "en" && description.GetText("value") is { Length: > 0 } value)
            {
                title = value;
                break;
            }
        }

        var severities = new List<SeverityEntry>();
        if (cve.Get("metrics") is { } metrics)
        {
            foreach (var key in MetricKeys)
            {
                foreach (var metric in metrics.Items(key))
                {
                    var data = metric.Get("cvssData");
                    var vector = data?.GetText("vectorString");
                    var rating = data?.GetText("baseSeverity") ?? metric.GetText("baseSeverity");
                    if (vector is null && rating is null)
                    {
                        continue;
                    }

                    var scorer = metric.GetText("source");
                    var source = scorer is null || scorer.Equals("nvd@nist.gov", StringComparison.OrdinalIgnoreCase) ? AdvisorySources.Nvd : scorer;
                    severities.Add(new SeverityEntry(source, rating, vector));
                }
            }
        }

        var references = new List<string>();
        foreach (var reference in cve.Items("references"))
        {
            if (reference.GetText("url") is { Length: > 0 } url && !references.Contains(url))
            {
                references.Add(url);
            }
        }

        into.AddWhole(new AdvisoryRecord(id, AdvisorySources.Nvd, [], title, cve.GetTime("published"), cve.GetTime("lastModified"),
            string.Equals(cve.GetText("vulnStatus"), "Rejected", StringComparison.OrdinalIgnoreCase), severities, references));
    }
}
