using System.IO.Compression;
using System.Text.Json;
using Drydock.Advisories;
using Drydock.Assessment.Rescan;
using Drydock.Detection.Vulnerabilities;
using Drydock.Project;
using Drydock.Reporting;
using Drydock.Reporting.Json;

namespace Drydock.Crawl.Rescan;

/// <summary>Re-matches every image the crawl stored against an advisory database, without pulling any image: each stored
/// report goes through <see cref="ReportRematcher"/>, its row is rewritten only when the report changed (so a second run
/// with the same database writes nothing), and the images whose findings changed are returned by digest with their tags.</summary>
public sealed class CrawlRescanner(IProjectDatabase database, AdvisoryStore advisories)
{
    /// <summary>Rows read per query.</summary>
    public int PageSize { get; init; } = 200;

    /// <summary>True to write a webhook notification to the outbox for every changed image, with its row.</summary>
    public bool Notify { get; init; }

    /// <summary>Called after each image with the number done so far (for progress displays).</summary>
    public Action<int>? Progress { get; init; }

    /// <summary>Rescans the whole store.</summary>
    public async Task<RescanRun> RunAsync(CancellationToken cancellationToken)
    {
        var store = new RescanStore(database);
        var matcher = new VulnerabilityMatcher(advisories);
        var builtAt = advisories.Info.BuiltAt;
        var (images, updated, skipped) = (0, 0, 0);
        var changed = new List<ImageRescan>();
        var failures = new List<RescanFailure>();
        string? after = null;
        while (true)
        {
            var page = await store.PageAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                images++;
                after = stored.Digest;
                if (!TryRead(stored, out var json, out var report, out var reason))
                {
                    failures.Add(new RescanFailure(stored.Digest, reason));
                    Progress?.Invoke(images);
                    continue;
                }

                var result = ReportRematcher.Rematch(report, matcher);
                if (!result.Matched)
                {
                    skipped++;
                    Progress?.Invoke(images);
                    continue;
                }

                var image = !result.Changed ? null : new ImageRescan
                {
                    Digest = stored.Digest,
                    Reference = stored.Reference,
                    Platform = report.Artifact.Platform,
                    Tags = await store.TagsAsync(stored.Digest, cancellationToken).ConfigureAwait(false),
                    AdvisoryDatabaseBuiltAt = builtAt,
                    Before = FindingCounts.Of(report),
                    After = FindingCounts.Of(result.Report),
                    Added = result.Diff.Added,
                    Removed = result.Diff.Removed,
                    Changed = result.Diff.Changed,
                    Packages = result.Diff.Packages,
                    Malware = result.Malware,
                };
                var rewritten = Serialize(result.Report);
                if (!rewritten.AsSpan().SequenceEqual(json))
                {
                    var notification = Notify && image is not null ? OutboxNotification.For(image) : null;
                    await store.UpdateAsync(stored.Digest, CrawlImageSummary.Of(result.Report), CrawlImageSummary.Compress(result.Report), notification, cancellationToken).ConfigureAwait(false);
                    updated++;
                }

                if (image is not null)
                {
                    changed.Add(image);
                }

                Progress?.Invoke(images);
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        changed.Sort((a, b) => string.CompareOrdinal(a.Digest, b.Digest));
        failures.Sort((a, b) => string.CompareOrdinal(a.Digest, b.Digest));
        return new RescanRun { Images = images, Updated = updated, Skipped = skipped, AdvisoryDatabaseBuiltAt = builtAt, Changed = changed, Failures = failures };
    }

    // A stored report read back: its JSON bytes (to compare with the rewritten ones) and the report; a damaged row is a
    // failure of that image, not of the rescan.
    private static bool TryRead(StoredImage stored, out byte[] json, out ScanReport report, out string reason)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(stored.ReportGzip), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            json = buffer.ToArray();
            report = JsonReportWriter.Read(System.Text.Encoding.UTF8.GetString(json));
            reason = string.Empty;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            (json, report, reason) = ([], null!, $"the stored report cannot be read: {e.Message}");
            return false;
        }
    }

    private static byte[] Serialize(ScanReport report)
    {
        using var buffer = new MemoryStream();
        JsonReportWriter.Write(report, buffer);
        return buffer.ToArray();
    }
}
