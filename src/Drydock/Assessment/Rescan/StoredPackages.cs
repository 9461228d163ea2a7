using Drydock.Analysis.Packages;
using Drydock.Detection.Malware;
using Drydock.Reporting;
using Drydock.Reporting.Vulnerabilities;

namespace Drydock.Assessment.Rescan;

/// <summary>A stored report's inventory as the package detectors see a scanned image's: every package it lists and every
/// package a later layer removed, each with the layer that brought it, and the image's layers (diff-IDs, lowest first).</summary>
public static class StoredPackages
{
    /// <summary>The layers of <paramref name="report"/>, lowest first, named as the report names a package's layer.</summary>
    public static List<string> DiffIds(ScanReport report)
        => [.. report.Artifact.Layers.OrderBy(l => l.Index).Select(l => l.DiffId ?? l.Digest ?? $"layer-{l.Index}")];

    /// <summary>The shipped packages of <paramref name="report"/> over <paramref name="diffIds"/>; an entry naming a layer the
    /// report does not list is left out.</summary>
    public static List<ShippedPackage> Of(ScanReport report, IReadOnlyList<string> diffIds)
    {
        var layers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < diffIds.Count; i++)
        {
            layers.TryAdd(diffIds[i], i);
        }

        var shipped = new List<ShippedPackage>(report.Packages.Count + report.RemovedPackages.Count);
        foreach (var package in report.Packages)
        {
            if (layers.TryGetValue(package.Layer, out var layer))
            {
                var record = VulnerabilityReportBuilder.ToRecord(package) with { Metadata = package.Metadata is { } m ? new(m, StringComparer.Ordinal) : new(StringComparer.Ordinal) };
                shipped.Add(new ShippedPackage(Located(record, package.Path), package.Purl, layer, null));
            }
        }

        foreach (var removed in report.RemovedPackages)
        {
            if (layers.TryGetValue(removed.AddedIn, out var added) && layers.TryGetValue(removed.RemovedIn, out var gone))
            {
                var record = new PackageRecord { Type = removed.Type, Namespace = removed.Namespace, Name = removed.Name, Version = removed.Version, SourcePath = "" };
                shipped.Add(new ShippedPackage(Located(record, removed.Path), removed.Purl, added, gone));
            }
        }

        return shipped;
    }

    // The report writes a package's place as "/" + source path, then "!/" + the path inside an archive: split it back.
    private static PackageRecord Located(PackageRecord record, string path)
    {
        var relative = path.StartsWith('/') ? path[1..] : path;
        var inner = relative.IndexOf("!/", StringComparison.Ordinal);
        return inner < 0
            ? record with { SourcePath = relative, InnerPath = null }
            : record with { SourcePath = relative[..inner], InnerPath = relative[(inner + 2)..] };
    }
}
