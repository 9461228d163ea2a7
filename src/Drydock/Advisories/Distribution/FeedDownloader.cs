using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Drydock.Advisories.Distribution;

/// <summary>Fetches one feed with a conditional GET (<c>If-None-Match</c>, <c>If-Modified-Since</c>) into a temporary file,
/// bounded in size and in idle time.</summary>
internal sealed class FeedDownloader(HttpClient http, AdvisoryUpdateOptions options)
{
    /// <summary>The result of one fetch: not modified, or a new file with its validators and hash.</summary>
    public sealed record Result(bool NotModified, string? TempPath, string? ETag, string? LastModified, string? Sha256, long Bytes);

    /// <summary>Fetches <paramref name="feed"/> into a new file under <paramref name="tempDirectory"/>; <paramref name="previous"/>
    /// supplies the validators (null: fetch unconditionally). Throws <see cref="DrydockInputException"/> on any failure.</summary>
    public async Task<Result> FetchAsync(FeedSource feed, FeedStateEntry? previous, string tempDirectory, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, feed.Url);
        if (previous?.ETag is { Length: > 0 } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (previous?.LastModified is { Length: > 0 } lastModified
            && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        HttpResponseMessage response;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new DrydockInputException($"cannot fetch {feed.Url}: {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DrydockInputException($"cannot fetch {feed.Url}: no answer within {options.RequestTimeout.TotalSeconds:0} s", e);
            }
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotModified && previous is not null)
            {
                return new Result(true, null, previous.ETag, previous.LastModified, previous.Sha256, 0);
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new DrydockInputException($"cannot fetch {feed.Url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength is { } length && length > options.MaxFeedBytes)
            {
                throw new HostileInputException($"{feed.Url}: {length} bytes, over the {options.MaxFeedBytes}-byte feed limit");
            }

            var temp = Path.Combine(tempDirectory, $"{feed.CacheName}.download-{Guid.NewGuid():N}");
            try
            {
                var (sha, bytes) = await CopyAsync(feed, response, temp, cancellationToken).ConfigureAwait(false);
                return new Result(false, temp, response.Headers.ETag?.ToString(), LastModified(response.Content.Headers), sha, bytes);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
        }
    }

    private async Task<(string Sha256, long Bytes)> CopyAsync(FeedSource feed, HttpResponseMessage response, string temp, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        while (true)
        {
            int n;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(options.RequestTimeout);
                try
                {
                    n = await body.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DrydockInputException($"{feed.Url}: the server sent no data for {options.RequestTimeout.TotalSeconds:0} s", e);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    throw new DrydockInputException($"{feed.Url}: the download broke off ({e.Message})", e);
                }
            }

            if (n == 0)
            {
                break;
            }

            total += n;
            if (total > options.MaxFeedBytes)
            {
                throw new HostileInputException($"{feed.Url}: larger than the {options.MaxFeedBytes}-byte feed limit");
            }

            hash.AppendData(buffer, 0, n);
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        if (response.Content.Headers.ContentLength is { } declared && declared != total)
        {
            throw new DrydockInputException($"{feed.Url}: truncated, {total} of {declared} bytes");
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    private static string? LastModified(HttpContentHeaders headers)
        => headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
