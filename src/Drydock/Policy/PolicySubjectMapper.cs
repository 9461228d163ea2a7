using Drydock.References;
using Drydock.Reporting;

namespace Drydock.Policy;

/// <summary>Builds the <see cref="PolicySubject"/> of a scan report.</summary>
public static class PolicySubjectMapper
{
    /// <summary>The subject of <paramref name="report"/>; <paramref name="reference"/> is the image as the user typed it.</summary>
    public static PolicySubject From(ScanReport report, string? reference = null)
    {
        var artifact = report.Artifact;
        RegistryReference? registry = null;
        if (artifact.Transport == ImageTransport.Registry.Prefix())
        {
            try
            {
                registry = RegistryReference.Parse(artifact.Name);
            }
            catch (ReferenceParseException)
            {
                registry = null;
            }
        }

        var (baseImage, baseDetected) = BaseOf(report);
        var noDatabase = report.Warnings.FirstOrDefault(w => w.Code == "no-advisory-database");
        return new PolicySubject
        {
            Reference = reference ?? artifact.Name,
            Registry = registry?.Registry,
            Repository = registry?.Repository,
            Transport = artifact.Transport,
            Digest = artifact.Digest,
            Created = artifact.Config.Created,
            Base = baseImage,
            BaseDetected = baseDetected,
            VulnerabilitiesNotChecked = !report.Scanners.Contains("vuln") ? "the vulnerability scanner did not run"
                : noDatabase is not null ? "no advisory database"
                : report.Warnings.FirstOrDefault(w => w.Code == Detection.Vulnerabilities.VulnerabilityMatcher.OsPackagesNotMatched) is { } partial ? partial.Message : null,
            Vulnerabilities = [.. report.Vulnerabilities.Select(v => new PolicyVulnerability(
                v.Id, v.Aliases, v.Severity, v.FixedVersions.Count > 0, v.Kev is not null, v.Package.Name, v.InstalledVersion))],
            MalwareNotChecked = report.Verdict is null ? NotRun("malware", report) : null,
            Malware = [.. report.Malware.Select(m => new PolicyMalware(m.RuleId, m.Category, m.Confidence, m.Title, m.Path, m.Sha256))],
            Verdict = report.Verdict?.Verdict.ToString().ToLowerInvariant(),
            SandboxVerdict = report.Behaviour?.Verdict.ToString().ToLowerInvariant(),
            SandboxReasons = [.. (report.Behaviour?.Reasons ?? []).Select(r => $"{r.Category}: {r.Title}")
                .Concat((report.Behaviour?.DroppedFileFindings ?? []).Select(f => $"{f.Category}: {f.Title} at {f.Path}"))],
            SecretsNotChecked = report.Scanners.Contains("secret") ? null : NotRun("secret", report),
            Secrets = [.. report.Secrets.Select(s => new PolicySecret(s.RuleId, s.Severity, s.Path ?? s.Location ?? s.Source))],
            MisconfigurationsNotChecked = report.Scanners.Contains("misconfig") ? null : NotRun("misconfiguration", report),
            Misconfigurations = [.. report.Misconfigurations.Select(m => new PolicyMisconfiguration(m.Id, m.Severity, m.Title))],
        };
    }

    private static string NotRun(string scanner, ScanReport report)
        => report.Artifact.Transport == "sbom" ? $"the {scanner} scanner needs an image, not an SBOM" : $"the {scanner} scanner did not run";

    // Only a base matched by its layers counts: an annotation alone names a base the image may not be built on. Without a
    // catalog (the scan says so with the warning no-base-catalog) detection did not really run.
    private static (PolicyBase? Base, bool Detected) BaseOf(ScanReport report)
        => report.Base is { DetectedBy: "layers" } b
            ? (new PolicyBase(b.Name ?? b.Repository ?? string.Empty, b.Digest), true)
            : (null, !report.Warnings.Any(w => w.Code == NoCatalogWarning));

    /// <summary>The warning code of a scan that had no hardened base catalog to compare with.</summary>
    public const string NoCatalogWarning = Reporting.Base.BaseReportBuilder.NoCatalogWarning;
}
