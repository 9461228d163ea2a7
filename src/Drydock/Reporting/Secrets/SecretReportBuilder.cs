using Drydock.Detection.Secrets;
using Drydock.Reporting.Malware;
using Drydock.Scanning;

namespace Drydock.Reporting.Secrets;

/// <summary>Adds the secrets section to a report.</summary>
public static class SecretReportBuilder
{
    /// <summary><paramref name="report"/> with the secrets of <paramref name="result"/> (files and configuration, masked).</summary>
    public static ScanReport Add(ScanReport report, ScanResult result)
        => report with { Secrets = [.. SecretDetector.Detect(MalwareReportBuilder.InputOf(result))] };
}
