using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Drydock.Advisories.Builders;

namespace Drydock.Advisories.Distribution;

/// <summary><c>drydock db update</c>: fetches each feed with a conditional request, keeps a copy of each in a feed cache beside the
/// database (<c>DB.feeds/</c>, validators and hashes in <c>DB.feeds.json</c>), and rebuilds the database from the cached copies
/// only when one of them changed (or the database is missing or of another schema version). A feed that cannot be fetched keeps its previous copy and is reported.</summary>
public sealed class AdvisoryDatabaseUpdater(AdvisoryUpdateOptions? options = null, HttpMessageHandler? handler = null)
{
    private const string TempFolder = ".tmp";
    private readonly AdvisoryUpdateOptions _options = options ?? new AdvisoryUpdateOptions();

    /// <summary>The feed state file for <paramref name="databasePath"/>.</summary>
    public static string StatePath(string databasePath) => Path.GetFullPath(databasePath) + ".feeds.json";

    /// <summary>The feed cache folder for <paramref name="databasePath"/>.</summary>
    public static string CachePath(string databasePath) => Path.GetFullPath(databasePath) + ".feeds";

    /// <summary>Refreshes <paramref name="feeds"/> and rebuilds <paramref name="databasePath"/> when anything changed (or it is missing).
    /// Throws <see cref="DrydockInputException"/> when no feed has a copy at all after fetching.</summary>
    public async Task<AdvisoryUpdateReport> UpdateAsync(IReadOnlyList<FeedSource> feeds, string databasePath, CancellationToken cancellationToken)
    {
        if (feeds.Count == 0)
        {
            throw new DrydockInputException("no advisory feeds configured");
        }

        var database = Path.GetFullPath(databasePath);
        var cache = CachePath(database);
        var temp = Path.Combine(cache, TempFolder);
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true); // leftovers of an interrupted update
        }

        Directory.CreateDirectory(temp);
        var statePath = StatePath(database);
        var state = FeedStateFile.Load(statePath);
        var entries = new ConcurrentDictionary<string, FeedStateEntry>(state.Feeds, StringComparer.Ordinal);
        var outcomes = new FeedOutcome[feeds.Count];

        using (var http = CreateClient())
        {
            var downloader = new FeedDownloader(http, _options);
            await Parallel.ForEachAsync(
                Enumerable.Range(0, feeds.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelDownloads), CancellationToken = cancellationToken },
                async (index, token) => outcomes[index] = await RefreshAsync(downloader, feeds[index], entries, cache, temp, token).ConfigureAwait(false))
                .ConfigureAwait(false);
        }

        Directory.Delete(temp, recursive: true);
        Prune(cache, feeds, entries);
        var feedState = new FeedStateFile
        {
            Feeds = new SortedDictionary<string, FeedStateEntry>(entries, StringComparer.Ordinal),
            BuiltFrom = state.BuiltFrom,
        };
        feedState.Save(statePath);

        var copies = feeds.Where(f => outcomes.Any(o => o.Url == f.Url.AbsoluteUri && o.HasCopy)).ToList();
        if (copies.Count == 0)
        {
            var first = outcomes.FirstOrDefault(o => o.Error is not null)?.Error ?? "no feed answered";
            throw new DrydockInputException($"no advisory feed could be fetched and no earlier copy exists ({first})");
        }

        var builtFrom = new SortedDictionary<string, string>(
            copies.ToDictionary(f => f.Url.AbsoluteUri, f => entries[f.Url.AbsoluteUri].Sha256, StringComparer.Ordinal), StringComparer.Ordinal);
        AdvisoryBuildReport? build = null;
        // A database an older drydock wrote (another schema version) is rebuilt even when no feed changed.
        if (AdvisoryStore.ReadSchemaVersion(database) != AdvisorySchema.Version || !builtFrom.SequenceEqual(state.BuiltFrom))
        {
            build = await new AdvisoryDatabaseBuilder().BuildAsync([.. copies.Select(f => Path.Combine(cache, f.CacheName))], database, cancellationToken)
                .ConfigureAwait(false);
            (feedState with { BuiltFrom = builtFrom }).Save(statePath);
        }

        return new AdvisoryUpdateReport(database, outcomes, build);
    }

    private async Task<FeedOutcome> RefreshAsync(FeedDownloader downloader, FeedSource feed, ConcurrentDictionary<string, FeedStateEntry> entries,
        string cache, string temp, CancellationToken cancellationToken)
    {
        var url = feed.Url.AbsoluteUri;
        var content = Path.Combine(cache, feed.CacheName);
        var previous = Directory.Exists(content) && entries.TryGetValue(url, out var known) ? known : null;
        if (previous is null)
        {
            entries.TryRemove(url, out _);
        }

        FeedDownloader.Result result;
        try
        {
            result = await downloader.FetchAsync(feed, previous, temp, cancellationToken).ConfigureAwait(false);
        }
        catch (DrydockInputException e)
        {
            return new FeedOutcome(url, FeedStatus.Failed, 0, e.Message, previous is not null);
        }

        if (result.NotModified)
        {
            return new FeedOutcome(url, FeedStatus.Unchanged, 0, null, true);
        }

        var entry = new FeedStateEntry { ETag = result.ETag, LastModified = result.LastModified, Sha256 = result.Sha256!, FetchedAt = DateTimeOffset.UtcNow };
        if (previous is not null && previous.Sha256 == result.Sha256)
        {
            // The server ignored the validators but sent the same bytes: nothing to unpack.
            File.Delete(result.TempPath!);
            entries[url] = entry;
            return new FeedOutcome(url, FeedStatus.Unchanged, result.Bytes, null, true);
        }

        var staged = Path.Combine(temp, $"{feed.CacheName}.new-{Guid.NewGuid():N}");
        try
        {
            if (feed.IsZip)
            {
                await SafeZipExtractor.ExtractAsync(result.TempPath!, staged, _options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Directory.CreateDirectory(staged);
                File.Move(result.TempPath!, Path.Combine(staged, feed.FileName));
            }
        }
        catch (DrydockInputException e)
        {
            return new FeedOutcome(url, FeedStatus.Failed, result.Bytes, e.Message, previous is not null);
        }
        finally
        {
            File.Delete(result.TempPath!);
        }

        Swap(staged, content, temp);
        entries[url] = entry;
        return new FeedOutcome(url, FeedStatus.Updated, result.Bytes, null, true);
    }

    /// <summary>Replaces <paramref name="content"/> with <paramref name="staged"/> by renames, so a reader sees the old or the new copy.</summary>
    private static void Swap(string staged, string content, string temp)
    {
        var old = Path.Combine(temp, $"{Path.GetFileName(content)}.old-{Guid.NewGuid():N}");
        if (Directory.Exists(content))
        {
            Directory.Move(content, old);
        }

        Directory.Move(staged, content);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>Drops cached copies and state of feeds no longer configured.</summary>
    private static void Prune(string cache, IReadOnlyList<FeedSource> feeds, ConcurrentDictionary<string, FeedStateEntry> entries)
    {
        var names = feeds.Select(f => f.CacheName).ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(cache))
        {
            if (!names.Contains(Path.GetFileName(directory)))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var urls = feeds.Select(f => f.Url.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        foreach (var url in entries.Keys.Where(u => !urls.Contains(u)).ToList())
        {
            entries.TryRemove(url, out _);
        }
    }

    private HttpClient CreateClient()
    {
        var client = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = _options.RequestTimeout,
                UseCookies = false,
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("drydock", "0.1"));
        return client;
    }
}
