using Drydock.Analysis;
using Drydock.Catalog;
using Drydock.Detection.Malware;
using Drydock.Detection.Misconfigurations;
using Drydock.Detection.Vulnerabilities;
using Drydock.Reporting;
using Drydock.Reporting.Base;
using Drydock.Reporting.Malware;
using Drydock.Reporting.Misconfigurations;
using Drydock.Reporting.Secrets;
using Drydock.Reporting.Vulnerabilities;
using Drydock.Scanning;

namespace Drydock.Assessment;

/// <summary>The one way a scan result becomes a full report (<c>drydock scan</c>, <c>policy check</c> and the admission
/// webhook): vulnerabilities, malware, secrets, misconfigurations, then the hardened base over every finding.</summary>
public static class ReportAssembler
{
    /// <summary>The report of <paramref name="result"/> with every step of <paramref name="steps"/> applied.</summary>
    public static async Task<ScanReport> AssembleAsync(ScanResult result, ReportSteps steps, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scanners = steps.Scanners;
        var report = ScanReportBuilder.Build(result, now) with
        {
            Scanners = [.. ScannerNames.Format(scanners).Split(',', StringSplitOptions.RemoveEmptyEntries)],
        };
        if (steps.AdvisoriesMissing is { } missing)
        {
            report = report with { Warnings = [.. report.Warnings, missing] };
        }

        // One store serves both scanners: vulnerabilities, and the malware scan's OSV MAL- records (which then leave
        // the vulnerability list, so a malicious package is reported once, as malware).
        if (scanners.HasFlag(Scanners.Vulnerabilities) && steps.Advisories is { } store)
        {
            report = VulnerabilityReportBuilder.Add(report, new VulnerabilityMatcher(store),
                steps.Filter with { ExcludeMalicious = scanners.HasFlag(Scanners.Malware) });
        }

        if (scanners.HasFlag(Scanners.Malware))
        {
            report = MalwareReportBuilder.Add(report, result, MalwareDetectors.Default(steps.Advisories));
        }

        if (scanners.HasFlag(Scanners.Secrets))
        {
            report = SecretReportBuilder.Add(report, result);
        }

        if (scanners.HasFlag(Scanners.Misconfigurations))
        {
            report = MisconfigurationReportBuilder.Add(report, result, ImageChecks.Default());
        }

        var annotation = BaseAnnotation.From(report.Artifact.Annotations, report.Artifact.Config.Labels);
        var detection = steps.Catalog is { } catalog
            ? await new BaseDetector(catalog).DetectAsync([.. report.Artifact.Layers.Select(l => l.DiffId ?? string.Empty)], annotation, cancellationToken).ConfigureAwait(false)
            : new BaseDetection
            {
                Annotation = annotation,
                AnnotationNote = annotation is null ? null : "there is no hardened base catalog to check it against (see 'drydock base add')",
            };
        report = BaseReportBuilder.Add(report, detection, steps.IgnoreBase);
        if (steps.NoteMissingCatalogIn is { } location
            && (steps.Catalog is null || (detection.Image is null && (await steps.Catalog.ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0)))
        {
            report = report with
            {
                Warnings = [.. report.Warnings, new Diagnostic(BaseReportBuilder.NoCatalogWarning, $"no hardened base catalog in {location}: base detection had nothing to compare with (see 'drydock base add')")],
            };
        }

        return report;
    }
}
