using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Enumeration;
using Drydock.Assessment;
using Drydock.References;
using Drydock.Sources;
using Drydock.Sources.Manifests;
using Drydock.Sources.Registry;

namespace Drydock.Crawl;

/// <summary>Crawls registries on one machine: discovers repositories and tags, resolves each tag to its image manifest
/// digest(s), queues each digest once in the database frontier, then scans the queued digests <see cref="CrawlOptions.Parallelism"/>
/// at a time with <see cref="ImageAssessor"/> (the layer cache shares layer results across images).</summary>
public sealed class Crawler : IAsyncDisposable
{
    private readonly CrawlStore _store;
    private readonly ImageAssessor _assessor;
    private readonly CrawlOptions _options;
    private readonly ICrawlObserver? _observer;
    private readonly Func<ImageReference, Reporting.ScanReport, CancellationToken, Task<Reporting.ScanReport>>? _addBehaviour;
    private readonly ConcurrentDictionary<string, RegistryClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done;
    private int _failed;
    private int _queued;
    private int _skipped;
    private long _analysed;
    private long _reused;
    private long _findings;
    private long _requests;
    private long _heads;
    private long _moved;

    /// <summary>A crawler writing to <paramref name="store"/> and scanning with <paramref name="assessor"/>;
    /// <paramref name="addBehaviour"/> (e.g. the sandbox) may add to each report before it is stored.</summary>
    public Crawler(CrawlStore store, ImageAssessor assessor, CrawlOptions options, ICrawlObserver? observer = null,
        Func<ImageReference, Reporting.ScanReport, CancellationToken, Task<Reporting.ScanReport>>? addBehaviour = null)
    {
        if (options.Parallelism < 1)
        {
            throw new DrydockInputException("--parallel must be at least 1");
        }

        if (options.PerRegistryConcurrency < 1)
        {
            throw new DrydockInputException("--registry-concurrency must be at least 1");
        }

        if (options.MaxTags is < 1)
        {
            throw new DrydockInputException("--max-tags must be at least 1");
        }

        if (options.Rate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new DrydockInputException("--rate must be a positive number of requests per second");
        }

        _store = store;
        _assessor = assessor;
        _options = options;
        _observer = observer;
        _addBehaviour = addBehaviour;
    }

    /// <summary>The crawl so far.</summary>
    public CrawlProgress Progress => new(Volatile.Read(ref _done), Volatile.Read(ref _queued), Volatile.Read(ref _failed), Volatile.Read(ref _skipped),
        Interlocked.Read(ref _analysed), Interlocked.Read(ref _reused), Interlocked.Read(ref _findings), Interlocked.Read(ref _requests), _clock.Elapsed,
        Interlocked.Read(ref _heads), Interlocked.Read(ref _moved));

    /// <summary>Discovers every source, then scans everything queued (including what an interrupted run left); returns the final progress.</summary>
    public async Task<CrawlProgress> RunAsync(IReadOnlyList<CrawlSource> sources, CancellationToken cancellationToken)
    {
        if (_options.RetryFailed)
        {
            await _store.RequeueFailedAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var source in sources)
        {
            await DiscoverAsync(source, cancellationToken).ConfigureAwait(false);
        }

        if (_options.DiscoverOnly)
        {
            _queued = (await _store.CountsAsync(cancellationToken).ConfigureAwait(false)).Queued;
            _observer?.Discovered(Progress);
            return Progress;
        }

        _skipped = (await _store.CountsAsync(cancellationToken).ConfigureAwait(false)).Done;
        var queued = await _store.QueuedAsync(cancellationToken).ConfigureAwait(false);
        _queued = queued.Count;
        _observer?.Discovered(Progress);
        await Parallel.ForEachAsync(queued, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            ScanAsync).ConfigureAwait(false);
        return Progress;
    }

    private async Task DiscoverAsync(CrawlSource source, CancellationToken cancellationToken)
    {
        switch (source.Kind)
        {
            case CrawlSourceKind.Registry:
                var client = Client(source.Registry!);
                var repositories = new List<string>();
                await foreach (var repository in client.ListRepositoriesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    repositories.Add(repository);
                }

                foreach (var repository in repositories)
                {
                    await DiscoverRepositoryAsync(client, repository, null, cancellationToken).ConfigureAwait(false);
                }

                break;
            case CrawlSourceKind.Repository:
                await DiscoverRepositoryAsync(Client(source.Registry!), source.Repository!, source.Tag, cancellationToken).ConfigureAwait(false);
                break;
            default:
                foreach (var reference in await ReferenceFile.ReadAsync(source.Path!, cancellationToken).ConfigureAwait(false))
                {
                    await ResolveAsync(Client(reference.Registry), reference.Repository, reference.Digest?.ToString() ?? reference.Tag ?? "latest",
                        cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task DiscoverRepositoryAsync(RegistryClient client, string repository, string? onlyTag, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        if (onlyTag is not null)
        {
            tags.Add(onlyTag);
        }
        else
        {
            try
            {
                await foreach (var tag in client.ListTagsAsync(repository, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (Selected(tag))
                    {
                        tags.Add(tag);
                    }
                }
            }
            catch (DrydockInputException e)
            {
                // One repository the registry cannot list does not stop the crawl: it is recorded as failed.
                var key = $"{client.Endpoint.Registry}/{repository}";
                await _store.RecordUnresolvedAsync(key, OneLine(e), cancellationToken).ConfigureAwait(false);
                Fail(key, OneLine(e));
                return;
            }
        }

        tags.Sort(TagOrder.NewestFirst);
        foreach (var tag in _options.MaxTags is { } max ? tags.Take(max) : tags)
        {
            await ResolveAsync(client, repository, tag, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Selected(string tag)
        => (_options.Tags is not { } only || only.Contains(tag))
            && (_options.TagsMatching is not { } glob || FileSystemName.MatchesSimpleExpression(glob, tag, ignoreCase: false));

    // One manifest request per tag (or digest): an image manifest is queued as is, an index queues the selected platform(s).
    private async Task ResolveAsync(RegistryClient client, string repository, string tagOrDigest, CancellationToken cancellationToken)
    {
        var name = $"{client.Endpoint.Registry}/{repository}";
        var pinned = Digest.TryParse(tagOrDigest, out _);
        var display = pinned ? $"{name}@{tagOrDigest}" : $"{name}:{tagOrDigest}";
        var known = pinned ? await _store.ItemKnownAsync(tagOrDigest, cancellationToken).ConfigureAwait(false)
                           : await _store.TagKnownAsync(name, tagOrDigest, cancellationToken).ConfigureAwait(false);
        if (known && (pinned || !_options.Refresh))
        {
            return; // a digest never moves; a known tag is asked again only with --refresh
        }

        IReadOnlyList<string> digests;
        try
        {
            // A HEAD first: an image manifest is queued from its announced digest alone (its scan GETs it by digest, verified),
            // so a tag costs no counted manifest request; an index still needs its body to pick the platform(s).
            await ThrottleAsync(client.Endpoint.Registry, head: true, cancellationToken).ConfigureAwait(false);
            if (await client.HeadManifestAsync(repository, tagOrDigest, cancellationToken).ConfigureAwait(false) is { } head
                && MediaTypes.IsImageManifest(head.MediaType))
            {
                digests = [head.Digest.ToString()];
            }
            else
            {
                await ThrottleAsync(client.Endpoint.Registry, head: false, cancellationToken).ConfigureAwait(false);
                digests = Images(await client.GetManifestAsync(repository, tagOrDigest, cancellationToken).ConfigureAwait(false), display);
            }
        }
        catch (DrydockInputException e)
        {
            await _store.RecordUnresolvedAsync(display, OneLine(e), cancellationToken).ConfigureAwait(false);
            Fail(display, OneLine(e));
            return;
        }

        var images = digests.Select(d => (d, $"{name}@{d}")).ToList();
        if (!known)
        {
            await _store.RecordTagAsync(name, pinned ? null : tagOrDigest, display, images, cancellationToken).ConfigureAwait(false);
        }
        else if (await _store.RefreshTagAsync(name, tagOrDigest, images, cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _moved);
        }
    }

    private List<string> Images(ManifestDocument document, string display)
    {
        if (document.Index is not { } index)
        {
            return [document.Digest.ToString()];
        }

        if (!_options.AllPlatforms)
        {
            return [ManifestResolver.SelectPlatform(index, _options.Source.Platform, display).Digest
                ?? throw new DrydockInputException($"{display}: an index entry has no digest")];
        }

        // Every real platform; attestation manifests (platform unknown/unknown) are not images.
        var images = (index.Manifests ?? [])
            .Where(m => m.Digest is not null && MediaTypes.IsImageManifest(m.MediaType)
                && m.Platform is { Os: not (null or "unknown"), Architecture: not (null or "unknown") })
            .Select(m => m.Digest!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return images.Count > 0 ? images : throw new DrydockInputException($"{display}: the index lists no platform image");
    }

    private async ValueTask ScanAsync(FrontierItem item, CancellationToken cancellationToken)
    {
        await _store.StartAttemptAsync(item.Item, cancellationToken).ConfigureAwait(false);
        Reporting.ScanReport report;
        try
        {
            var reference = RegistryReference.Parse(item.Reference);
            var slot = _slots.GetOrAdd(reference.Registry, _ => new SemaphoreSlim(_options.PerRegistryConcurrency));
            await slot.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await ThrottleAsync(reference.Registry, head: false, cancellationToken).ConfigureAwait(false);
                var image = ImageReference.ForRegistry(reference);
                report = await _assessor.AssessAsync(image, cancellationToken).ConfigureAwait(false);
                if (_addBehaviour is not null)
                {
                    report = await _addBehaviour(image, report, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                slot.Release();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure of one image (bad manifest, missing blob, timeout, an analyser's bug) is recorded and the crawl goes on.
            var reason = e is DrydockInputException ? OneLine(e) : $"{OneLine(e)} ({e.GetType().Name})";
            await _store.FailAsync(item.Item, reason, cancellationToken).ConfigureAwait(false);
            Interlocked.Decrement(ref _queued);
            Fail(item.Reference, reason);
            return;
        }

        var summary = CrawlImageSummary.Of(report);
        await _store.CompleteAsync(item, summary, CrawlImageSummary.Compress(report), cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _analysed, summary.LayersAnalysed);
        Interlocked.Add(ref _reused, summary.LayersReused);
        Interlocked.Add(ref _findings, report.Vulnerabilities.Count + report.Malware.Count + report.Secrets.Count + report.Misconfigurations.Count);
        Interlocked.Increment(ref _done);
        Interlocked.Decrement(ref _queued);
        _observer?.Finished(item.Reference, null, Progress);
    }

    private void Fail(string reference, string reason)
    {
        Interlocked.Increment(ref _failed);
        _observer?.Finished(reference, reason, Progress);
    }

    // HEADs are spaced by the same bucket (politeness) but counted apart: registries that limit pulls count the GETs.
    private async Task ThrottleAsync(string registry, bool head, CancellationToken cancellationToken)
    {
        if (_options.Rate is { } rate)
        {
            await _buckets.GetOrAdd(registry, _ => new TokenBucket(rate)).AcquireAsync(cancellationToken).ConfigureAwait(false);
        }

        _ = head ? Interlocked.Increment(ref _heads) : Interlocked.Increment(ref _requests);
    }

    private RegistryClient Client(string registry)
        => _clients.GetOrAdd(registry, r => new RegistryClient(r, _options.Source, new RegistryImageSource().CredentialsFor(r, _options.Source)));

    private static string OneLine(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }

        foreach (var slot in _slots.Values)
        {
            slot.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
