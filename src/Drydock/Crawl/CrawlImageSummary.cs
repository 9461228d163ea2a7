using System.IO.Compression;
using Drydock.Detection.Malware;
using Drydock.Reporting;
using Drydock.Reporting.Json;

namespace Drydock.Crawl;

/// <summary>What the population statistics need of one scanned image, taken from its report.</summary>
/// <param name="Platform">The platform scanned (os/arch[/variant]).</param>
/// <param name="Os">The operating system as <c>family version</c> (e.g. <c>debian 12</c>), null when none was identified.</param>
/// <param name="Critical">Critical vulnerability findings (malicious-package records left out: they count as harmful content).</param>
/// <param name="High">High vulnerability findings.</param>
/// <param name="FixableCritical">Critical findings with a fixed version.</param>
/// <param name="Verdict">The malware verdict (clean, suspicious, malicious), null when the malware scanner did not run.</param>
/// <param name="Categories">The verdict's categories.</param>
/// <param name="CriticalPackages">Distinct <c>ecosystem/name</c> of the packages with a critical finding.</param>
/// <param name="HighPackages">Distinct <c>ecosystem/name</c> of the packages with a high finding.</param>
/// <param name="DiffIds">The image's layer diff-IDs, bottom first.</param>
/// <param name="LayersAnalysed">Layers read and analysed for this image.</param>
/// <param name="LayersReused">Layers whose results came from the layer cache.</param>
public sealed record CrawlImageSummary(string Platform, string? Os, int Critical, int High, int FixableCritical, string? Verdict, IReadOnlyList<string> Categories,
    IReadOnlyList<string> CriticalPackages, IReadOnlyList<string> HighPackages, IReadOnlyList<string> DiffIds, int LayersAnalysed, int LayersReused)
{
    /// <summary>The summary of <paramref name="report"/>.</summary>
    public static CrawlImageSummary Of(ScanReport report)
    {
        var findings = report.Vulnerabilities.Where(v => !v.Malicious).ToList();
        var critical = findings.Where(v => v.Severity == "critical").ToList();
        var high = findings.Where(v => v.Severity == "high").ToList();
        return new(
            report.Artifact.Platform,
            report.Artifact.Os is { } os ? $"{os.Family} {os.Version}".Trim() : null,
            critical.Count,
            high.Count,
            critical.Count(v => v.FixedVersions.Count > 0),
            report.Verdict is { } verdict ? VerdictName(verdict.Verdict) : null,
            report.Verdict?.Categories ?? [],
            Packages(critical),
            Packages(high),
            [.. report.Artifact.Layers.OrderBy(l => l.Index).Select(l => l.DiffId ?? l.Digest ?? $"layer-{l.Index}")],
            report.Statistics.LayersAnalysed,
            report.Statistics.LayersFromCache);
    }

    /// <summary>True when the image counts as harmful: its malware verdict is malicious.</summary>
    public bool Harmful => Verdict == "malicious";

    /// <summary>The report as gzip-compressed JSON (the exact <c>drydock scan --format json</c> document).</summary>
    public static byte[] Compress(ScanReport report)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonReportWriter.Write(report, gzip);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads back a report stored by <see cref="Compress"/>.</summary>
    public static ScanReport Decompress(byte[] gzipped)
    {
        using var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return JsonReportWriter.Read(reader.ReadToEnd());
    }

    private static string[] Packages(IEnumerable<Reporting.Vulnerabilities.VulnerabilityReport> findings)
        => [.. findings.Select(v => $"{v.Package.Type}/{v.Package.Name}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string VerdictName(VerdictKind kind) => kind switch
    {
        VerdictKind.Malicious => "malicious",
        VerdictKind.Suspicious => "suspicious",
        _ => "clean",
    };
}
