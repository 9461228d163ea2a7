using Drydock.Analysis.Census;
using Drydock.Scanning;

namespace Drydock.Reporting;

/// <summary>Turns a <see cref="ScanResult"/> into the report model.</summary>
public static class ScanReportBuilder
{
    /// <summary>The program version written into reports.</summary>
    public static string Version { get; } =
        typeof(ScanReportBuilder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Builds the report.</summary>
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
                CreatedBy = l.CreatedBy,
                Cached = l.FromCache,
                Entries = r.EntryCount,
                Whiteouts = r.Whiteouts.Count,
                OpaqueDirectories = r.OpaqueDirectories.Count,
                Census = CensusSummary.Of(r.Files),
            };
        }).ToList();
        var diffIds = result.Layers.Select(l => l.Result.DiffId).ToList();
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
                    Env = config?.Env,
                    User = string.IsNullOrEmpty(config?.User) ? null : config.User,
                    WorkingDir = string.IsNullOrEmpty(config?.WorkingDir) ? null : config.WorkingDir,
                    ExposedPorts = config?.ExposedPorts?.Keys.Order(StringComparer.Ordinal).ToList(),
                    Volumes = config?.Volumes?.Keys.Order(StringComparer.Ordinal).ToList(),
                    Labels = config?.Labels,
                    StopSignal = config?.StopSignal,
                    Created = image.Config.Created,
                    Author = image.Config.Author,
                    History = (image.Config.History ?? []).Select(h => new HistoryReport(h.Created, h.CreatedBy, h.Comment, h.EmptyLayer)).ToList(),
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
            Warnings = [.. result.Warnings],
            Statistics = new StatisticsReport(result.Statistics.LayersAnalysed, result.Statistics.LayersFromCache, result.Statistics.BytesRead,
                (long)result.Statistics.Duration.TotalMilliseconds),
        };
    }
}
