using Drydock.Catalog;

namespace Drydock.Reporting.Base;

/// <summary>Adds the <c>base</c> section, marks every package and finding from the base's layers <c>fromBase</c>, and with
/// <c>--ignore-base</c> leaves those findings out (saying how many; the inventory stays whole). Run after every finding is in the report.</summary>
public static class BaseReportBuilder
{
    /// <summary>The warning code of a scan that had no hardened base catalog to compare with.</summary>
    public const string NoCatalogWarning = "no-base-catalog";

    /// <summary>Applies <paramref name="detection"/> to <paramref name="report"/>.</summary>
    public static ScanReport Add(ScanReport report, BaseDetection detection, bool ignoreBase)
    {
        if (detection.Image is null && detection.Annotation is null)
        {
            return ignoreBase ? WithWarning(report, "--ignore-base: no catalog base matches the image's layers; no finding was hidden") : report;
        }

        var annotation = detection.Annotation is { } a
            ? new BaseAnnotationReport(a.Name, a.Digest, a.Source, detection.AnnotationTrusted, detection.AnnotationNote)
            : null;
        if (detection.Image is not { } image)
        {
            var unmatched = report with
            {
                Base = new BaseReport { DetectedBy = "annotation", Name = annotation!.Name, Digest = annotation.Digest, Annotation = annotation },
            };
            return ignoreBase ? WithWarning(unmatched, "--ignore-base: no catalog base matches the image's layers (an annotation alone is not trusted); no finding was hidden") : unmatched;
        }

        var baseLayers = report.Artifact.Layers.Take(image.DiffIds.Count).Select(l => l.DiffId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        bool FromBase(string? layer) => layer is not null && baseLayers.Contains(layer);

        var packages = report.Packages.Select(p => p with { FromBase = FromBase(p.Layer) }).ToList();
        var vulnerabilities = report.Vulnerabilities.Select(v => v with { FromBase = FromBase(v.Layer) }).ToList();
        var suppressed = report.SuppressedVulnerabilities.Select(v => v with { FromBase = FromBase(v.Layer) }).ToList();
        var malware = report.Malware.Select(m => m with { FromBase = FromBase(m.Layer) }).ToList();
        var secrets = report.Secrets.Select(s => s with { FromBase = FromBase(s.Layer) }).ToList();
        var hidden = 0;
        if (ignoreBase)
        {
            hidden = vulnerabilities.RemoveAll(v => v.FromBase) + malware.RemoveAll(m => m.FromBase) + secrets.RemoveAll(s => s.FromBase);
            suppressed.RemoveAll(v => v.FromBase);
        }

        return report with
        {
            Base = new BaseReport
            {
                DetectedBy = "layers",
                Name = image.DisplayName,
                Repository = image.Repository,
                Digest = image.ManifestDigest,
                IndexDigest = image.IndexDigest,
                Tags = [.. image.Tags],
                Layers = image.DiffIds.Count,
                Annotation = annotation,
                HiddenFindings = hidden,
            },
            Packages = packages,
            Vulnerabilities = vulnerabilities,
            SuppressedVulnerabilities = suppressed,
            Malware = malware,
            Secrets = secrets,
        };
    }

    private static ScanReport WithWarning(ScanReport report, string message)
        => report with { Warnings = [.. report.Warnings, new Diagnostic("ignore-base-no-base", message)] };
}
