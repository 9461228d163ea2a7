using Drydock.Detection.Misconfigurations;
using Drydock.Reporting.Malware;
using Drydock.Scanning;

namespace Drydock.Reporting.Misconfigurations;

/// <summary>Adds the misconfigurations section to a report.</summary>
public static class MisconfigurationReportBuilder
{
    /// <summary>Runs <paramref name="checks"/> over <paramref name="result"/> and returns <paramref name="report"/> with the failures.</summary>
    public static ScanReport Add(ScanReport report, ScanResult result, IEnumerable<ImageCheck> checks)
        => report with { Misconfigurations = [.. ImageChecks.Run(new ImageCheckInput(MalwareReportBuilder.InputOf(result), result.Os), checks)] };
}
