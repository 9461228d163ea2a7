using Drydock.Analysis.Census;
using Drydock.Analysis.Packages;
using Drydock.Detection.Secrets;
using Drydock.Inventory;
using Drydock.Scanning;

namespace Drydock.Reporting;

/// <summary>Turns a <see cref="ScanResult"/> into the report model.</summary>
public static class ScanReportBuilder
{
    /// <summary>The program version written into reports.</summary>
    public static string Version { get; } =
        typeof(ScanReportBuilder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Builds the report. Secrets in the image configuration (environment, labels, history) are masked here,
    /// whichever scanners run, so that no output repeats them.</summary>
    public static ScanReport Build(ScanResult result, DateTimeOffset now)
    {
        var image = result.Image;
        var config = image.Config.Config;
        var layers = image.Layers.Select((l, i) =>
        {
            var r = result.Layers[i].Result;
            return new LayerReport
            {
                Index = l.Index,
                Digest = l.Digest?.ToString(),
                DiffId = r.DiffId,
                Size = l.Size,
                UncompressedSize = r.UncompressedSize,
                MediaType = l.MediaType,
                Compression = r.Compression,
                CreatedBy = l.CreatedBy is null ? null : ConfigSecrets.Mask(l.CreatedBy),
                Cached = l.FromCache,
                Entries = r.EntryCount,
                Whiteouts = r.Whiteouts.Count,
                OpaqueDirectories = r.OpaqueDirectories.Count,
                Census = CensusSummary.Of(r.Files),
            };
        }).ToList();
        var diffIds = result.Layers.Select(l => l.Result.DiffId).ToList();
        var fileDigests = new PackageFileDigests(result.Merged);
        return new ScanReport
        {
            Generator = new GeneratorInfo("drydock", Version),
            CreatedAt = now,
            Artifact = new ArtifactReport
            {
                Name = image.Reference.DisplayName,
                Transport = References.ImageTransportNames.Prefix(image.Reference.Transport),
                Digest = image.ManifestDigest?.ToString(),
                ConfigDigest = image.ConfigDigest?.ToString(),
                MediaType = image.ManifestMediaType,
                Platform = image.Platform.ToString(),
                Os = result.Os is { } os ? new OsReport(os.Family, os.Version, os.Name, "/" + os.Source) : null,
                Layers = layers,
                Config = new ImageConfigReport
                {
                    Entrypoint = config?.Entrypoint,
                    Cmd = config?.Cmd,
                    Env = config?.Env?.Select(ConfigSecrets.Mask).ToList(),
                    User = string.IsNullOrEmpty(config?.User) ? null : config.User,
                    WorkingDir = string.IsNullOrEmpty(config?.WorkingDir) ? null : config.WorkingDir,
                    ExposedPorts = config?.ExposedPorts?.Keys.Order(StringComparer.Ordinal).ToList(),
                    Volumes = config?.Volumes?.Keys.Order(StringComparer.Ordinal).ToList(),
                    Labels = config?.Labels?.ToDictionary(l => l.Key, l => ConfigSecrets.MaskLabel(l.Key, l.Value)),
                    StopSignal = config?.StopSignal,
                    Created = image.Config.Created,
                    Author = image.Config.Author,
                    History = (image.Config.History ?? []).Select(h => new HistoryReport(h.Created, h.CreatedBy is null ? null : ConfigSecrets.Mask(h.CreatedBy), h.Comment, h.EmptyLayer)).ToList(),
                },
                Annotations = image.Annotations.ToDictionary(),
            },
            Census = new CensusReport
            {
                Summary = result.Census,
                DeletedCount = result.Merged.Deleted.Count,
                Deleted = result.Merged.Deleted.Take(CensusReport.MaxDeletedListed)
                    .Select(d => new DeletedFileReport("/" + d.Record.Path, d.Record.Kind.ToString().ToLowerInvariant(), d.Record.Size, diffIds[d.Layer], diffIds[d.DeletedBy]))
                    .ToList(),
            },
            Packages = [.. result.Inventory.Packages.Select(p => ToReport(p, diffIds, fileDigests))],
            RemovedPackages = [.. result.Inventory.Removed.Select(r => new RemovedPackageReport(
                r.Record.Type, r.Record.Namespace, r.Record.Name, r.Record.Version, r.Purl, PathOf(r.Record), diffIds[r.AddedIn], diffIds[r.RemovedIn]))],
            Warnings = [.. result.Warnings],
            Statistics = new StatisticsReport(result.Statistics.LayersAnalysed, result.Statistics.LayersFromCache, result.Statistics.BytesRead,
                (long)result.Statistics.Duration.TotalMilliseconds),
        };
    }

    private static PackageReport ToReport(InventoryPackage package, IReadOnlyList<string> diffIds, PackageFileDigests fileDigests)
    {
        var r = package.Record;
        return new PackageReport
        {
            Type = r.Type,
            Namespace = r.Namespace,
            Name = r.Name,
            Version = r.Version,
            Epoch = r.Epoch,
            Arch = string.IsNullOrEmpty(r.Arch) ? null : r.Arch,
            Purl = package.Purl,
            SourceName = r.SourceName,
            SourceVersion = r.SourceVersion,
            Licenses = r.Licenses,
            Supplier = r.Supplier,
            Path = PathOf(r),
            Layer = diffIds[package.Layer],
            DependsOn = r.DependsOn,
            Metadata = r.Metadata.Count > 0 ? r.Metadata : null,
            InstalledFiles = r.InstalledFiles.Count > 0 ? [.. r.InstalledFiles.Select(f => "/" + f)] : null,
            FileDigests = r.InstalledFiles.Count > 0 ? fileDigests.For(r) : null,
        };
    }

    /// <summary>The package's location as shown: /source/path, with !/inner/path for nested archives.</summary>
    public static string PathOf(PackageRecord record) => "/" + record.SourcePath + (record.InnerPath is { Length: > 0 } inner ? "!/" + inner : string.Empty);
}
