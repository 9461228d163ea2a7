using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Drydock.References;
using Drydock.Sources.Manifests;

namespace Drydock.Sources.Registry;

/// <summary>A client of one registry's OCI Distribution API v2: manifests, blobs, catalog and tag listing, blob and manifest upload,
/// with WWW-Authenticate driven auth (anonymous, Basic, Bearer tokens), retries and manual redirects.</summary>
public sealed class RegistryClient : IAsyncDisposable, IDisposable
{
    private const int MaxRedirects = 10;
    private const long MaxPageBytes = 16 * 1024 * 1024;
    private const long MaxTokenBytes = 1024 * 1024;
    private const int MaxErrorBytes = 16 * 1024;

    private readonly HttpClient _http;
    private readonly SourceOptions _options;
    private readonly IRegistryCredentialProvider? _credentials;
    private readonly TimeProvider _time;
    private readonly TokenCache _tokens;
    private readonly SemaphoreSlim _credentialLock = new(1, 1);
    private RegistryCredential? _credential;
    private bool _credentialLoaded;
    private AuthChallenge? _challenge;

    /// <summary>Creates a client for <paramref name="registry"/> as named in references (e.g. <c>docker.io</c>, <c>127.0.0.1:5000</c>).</summary>
    /// <param name="registry">The registry name; Docker Hub's name is mapped to its API host.</param>
    /// <param name="options">Timeouts, retries, limits and insecure registries.</param>
    /// <param name="credentials">Where credentials come from; they are only sent to this registry and its token realm.</param>
    /// <param name="handler">An HTTP handler to use instead of a new one (not disposed by the client); it must not follow redirects.</param>
    /// <param name="time">The clock for token expiry.</param>
    public RegistryClient(string registry, SourceOptions options, IRegistryCredentialProvider? credentials = null,
        HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        Endpoint = RegistryEndpoint.For(registry, options.InsecureRegistries);
        _options = options;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        _tokens = new TokenCache(_time);
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = options.RequestTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("drydock", "0.1"));
    }

    /// <summary>The registry this client talks to.</summary>
    public RegistryEndpoint Endpoint { get; }

    /// <summary>Fetches a manifest or index by tag or digest; verified when <paramref name="reference"/> is a digest
    /// and against <c>Docker-Content-Digest</c> when the registry sends one.</summary>
    public async Task<RegistryManifest> FetchManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var pinned = Digest.TryParse(reference, out var pinnedDigest) ? pinnedDigest : (Digest?)null;
        var display = pinned is null ? $"{subject}:{reference}" : $"{subject}@{reference}";
        var uri = new Uri(Endpoint.BaseUri, $"v2/{repository}/manifests/{reference}");
        using var response = await SendAsync(uri, RepositoryScope(repository), MediaTypes.ManifestAccept, subject, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new DrydockInputException($"image not found: {display}{await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false)}");
        }

        await EnsureSuccessAsync(response, $"manifest {display}", cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(response, _options.MaxManifestBytes, $"manifest {display}", cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var digest = Digest.Sha256Of(bytes);
        if (pinned is { } expected)
        {
            digest = Verify(bytes, expected, $"manifest {display}");
        }

        var header = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (header is not null && Digest.TryParse(header.Trim(), out var announced))
        {
            Verify(bytes, announced, $"manifest {display} (Docker-Content-Digest)");
        }

        return new RegistryManifest(bytes, mediaType, digest);
    }

    /// <summary>The digest and media type of a manifest by <c>HEAD</c>: no body, and Docker Hub does not count it against its pull limit.
    /// Null when the registry does not answer it with both (an error status, no <c>Docker-Content-Digest</c>): fetch the manifest then.</summary>
    public async Task<ManifestHead?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var uri = new Uri(Endpoint.BaseUri, $"v2/{repository}/manifests/{reference}");
        using var response = await SendAsync(HttpMethod.Head, uri, RepositoryScope(repository), MediaTypes.ManifestAccept, null, subject, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode
            || !response.Headers.TryGetValues("Docker-Content-Digest", out var values)
            || !Digest.TryParse(values.FirstOrDefault()?.Trim(), out var digest))
        {
            return null;
        }

        // A digest named in the request must be the one announced; anything else is not trusted and left to the verified GET.
        return Digest.TryParse(reference, out var pinned) && pinned != digest ? null : new ManifestHead(digest, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Fetches and parses a manifest or index (Docker schema 1 is refused).</summary>
    public async Task<ManifestDocument> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var manifest = await FetchManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        var separator = Digest.TryParse(reference, out _) ? "@" : ":";
        return manifest.Parse($"{Subject(repository)}{separator}{reference}");
    }

    /// <summary>Opens a blob as a stream that verifies digest and size at its end; redirects are followed without credentials.</summary>
    public async Task<Stream> OpenBlobAsync(string repository, Descriptor descriptor, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        if (!Digest.TryParse(descriptor.Digest, out var digest))
        {
            throw new DrydockInputException($"{subject}: invalid blob digest '{descriptor.Digest}'");
        }

        var what = $"{subject}@{digest}";
        var uri = new Uri(Endpoint.BaseUri, $"v2/{repository}/blobs/{digest}");
        var response = await SendAsync(uri, RepositoryScope(repository), null, subject, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new DrydockInputException($"{what}: blob not found in the registry{await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false)}");
            }

            await EnsureSuccessAsync(response, $"blob {what}", cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength is { } length && descriptor.Size >= 0 && length != descriptor.Size)
            {
                throw new HostileInputException($"{what}: the registry sends {length} bytes but the descriptor declares {descriptor.Size}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingStream(new ResponseStream(response, body, _options.RequestTimeout, what), digest, descriptor.Size, what);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>True when the registry holds blob <paramref name="digest"/> in <paramref name="repository"/> (a HEAD request);
    /// with <paramref name="expectedSize"/> at zero or more, a blob of another size counts as absent.</summary>
    public async Task<bool> BlobExistsAsync(string repository, Digest digest, long expectedSize, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var uri = new Uri(Endpoint.BaseUri, $"v2/{repository}/blobs/{digest}");
        using var response = await SendAsync(HttpMethod.Head, uri, PushScope(repository), null, null, subject, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"blob {subject}@{digest}", cancellationToken).ConfigureAwait(false);
        return expectedSize < 0 || response.Content.Headers.ContentLength is not { } length || length == expectedSize;
    }

    /// <summary>Uploads one blob whole: POST opens an upload session, PUT with <c>?digest=</c> sends the bytes and closes it.
    /// The registry's answer must name the same digest.</summary>
    public async Task UploadBlobAsync(string repository, Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var what = $"upload of {subject}@{digest}";
        var location = await OpenUploadAsync(repository, what, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Put, WithDigest(location, digest), PushScope(repository), null, () =>
        {
            var body = new ReadOnlyMemoryContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            body.Headers.ContentLength = content.Length;
            return body;
        }, subject, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        CheckAnnouncedDigest(response, digest, what);
    }

    /// <summary>Asks the registry to mount blob <paramref name="digest"/> from <paramref name="fromRepository"/> (same registry) into
    /// <paramref name="repository"/>. Returns null when it did (201); otherwise the upload session the registry opened instead (202),
    /// which <see cref="UploadBlobAsync(string, Digest, long, Func{CancellationToken, ValueTask{Stream}}, Uri?, CancellationToken)"/> can use.</summary>
    public async Task<Uri?> MountBlobAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var what = $"mount of {subject}@{digest} from {fromRepository}";
        var start = new Uri(Endpoint.BaseUri, $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(fromRepository)}");
        var scope = $"{PushScope(repository)} {RepositoryScope(fromRepository)}";
        using var response = await SendAsync(HttpMethod.Post, start, scope, null, null, subject, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            CheckAnnouncedDigest(response, digest, what);
            return null;
        }

        return UploadLocation(response, start, what);
    }

    /// <summary>Uploads one blob streamed from <paramref name="open"/> (called again for every attempt) in a single PUT, through
    /// <paramref name="session"/> or a new upload session; the registry checks the bytes against <c>?digest=</c> and its answer
    /// must name the same digest.</summary>
    public async Task UploadBlobAsync(string repository, Digest digest, long size, Func<CancellationToken, ValueTask<Stream>> open, Uri? session,
        CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var what = $"upload of {subject}@{digest}";
        var location = session ?? await OpenUploadAsync(repository, what, cancellationToken).ConfigureAwait(false);
        using var response = await SendAsync(HttpMethod.Put, WithDigest(location, digest), PushScope(repository), null,
            () => new StreamedBlobContent(open, size), subject, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        CheckAnnouncedDigest(response, digest, what);
    }

    private async Task<Uri> OpenUploadAsync(string repository, string what, CancellationToken cancellationToken)
    {
        var start = new Uri(Endpoint.BaseUri, $"v2/{repository}/blobs/uploads/");
        using var opened = await SendAsync(HttpMethod.Post, start, PushScope(repository), null, null, Subject(repository), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(opened, what, cancellationToken).ConfigureAwait(false);
        return UploadLocation(opened, start, what);
    }

    private Uri UploadLocation(HttpResponseMessage response, Uri start, string what)
        => response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location is { } header
            ? Target(start, header, "an upload location")
            : throw new DrydockInputException($"{what}: registry {Endpoint.ApiHost} answered {(int)response.StatusCode} without an upload location");

    private static Uri WithDigest(Uri location, Digest digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
    }

    /// <summary>Stores a manifest under <paramref name="reference"/> (a tag or its digest) and returns its digest.</summary>
    public async Task<Digest> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        var subject = Subject(repository);
        var digest = Digest.Sha256Of(manifest);
        var what = $"manifest {subject}:{reference}";
        var uri = new Uri(Endpoint.BaseUri, $"v2/{repository}/manifests/{reference}");
        using var response = await SendAsync(HttpMethod.Put, uri, PushScope(repository), null, () =>
        {
            var body = new ByteArrayContent(manifest);
            body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return body;
        }, subject, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
        CheckAnnouncedDigest(response, digest, what);
        return digest;
    }

    private static void CheckAnnouncedDigest(HttpResponseMessage response, Digest expected, string what)
    {
        var header = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (header is not null && Digest.TryParse(header.Trim(), out var announced) && announced != expected)
        {
            throw new DigestMismatchException(what, expected, announced.ToString());
        }
    }

    /// <summary>The repositories of the registry (<c>/v2/_catalog</c>), following <c>Link</c> pages.</summary>
    public async IAsyncEnumerable<string> ListRepositoriesAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = new Uri(Endpoint.BaseUri, "v2/_catalog" + PageQuery(pageSize));
        await foreach (var page in PagesAsync(first, "registry:catalog:*", Endpoint.Registry, "catalog", RegistryJsonContext.Default.CatalogPage, cancellationToken).ConfigureAwait(false))
        {
            foreach (var name in page.Repositories ?? [])
            {
                yield return name;
            }
        }
    }

    /// <summary>The tags of <paramref name="repository"/> (<c>/v2/NAME/tags/list</c>), following <c>Link</c> pages.</summary>
    public async IAsyncEnumerable<string> ListTagsAsync(string repository, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var first = new Uri(Endpoint.BaseUri, $"v2/{repository}/tags/list" + PageQuery(pageSize));
        await foreach (var page in PagesAsync(first, RepositoryScope(repository), Subject(repository), $"tags of {Subject(repository)}", RegistryJsonContext.Default.TagListPage, cancellationToken).ConfigureAwait(false))
        {
            foreach (var tag in page.Tags ?? [])
            {
                yield return tag;
            }
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(Uri first, string scope, string subject, string what, JsonTypeInfo<T> type,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (Uri? uri = first; uri is not null;)
        {
            if (!seen.Add(uri.AbsoluteUri))
            {
                throw new HostileInputException($"{what}: the registry's page links loop back to {uri.PathAndQuery}");
            }

            T? page;
            Uri? next;
            using (var response = await SendAsync(uri, scope, null, subject, cancellationToken).ConfigureAwait(false))
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new DrydockInputException($"{what}: not found{await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false)}");
                }

                await EnsureSuccessAsync(response, what, cancellationToken).ConfigureAwait(false);
                var bytes = await ReadBoundedAsync(response, MaxPageBytes, what, cancellationToken).ConfigureAwait(false);
                try
                {
                    page = JsonSerializer.Deserialize(bytes, type);
                }
                catch (JsonException e)
                {
                    throw new DrydockInputException($"{what}: the registry's answer is not valid JSON ({e.Message.Split('.')[0]})", e);
                }

                next = LinkHeader.Next(response.Headers, uri);
            }

            if (next is not null && !Endpoint.Owns(next))
            {
                throw new HostileInputException($"{what}: the registry's next-page link points to another host ({next.Authority})");
            }

            if (page is not null)
            {
                yield return page;
            }

            uri = next;
        }
    }

    /// <summary>Sends a GET with auth, redirects and retries; returns any final response except an auth failure, which throws.</summary>
    private Task<HttpResponseMessage> SendAsync(Uri uri, string scope, string[]? accept, string subject, CancellationToken cancellationToken)
        => SendAsync(HttpMethod.Get, uri, scope, accept, null, subject, cancellationToken);

    /// <summary>Sends a request with auth, retries and (for GET and HEAD) redirects; <paramref name="content"/> makes a fresh body
    /// for every attempt. Returns any final response except an auth failure, which throws.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string scope, string[]? accept, Func<HttpContent>? content,
        string subject, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var canRetry = attempt < _options.MaxRetries;
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                StreamedBlobContent? streamed = null;
                var body = content is null ? null : (Func<HttpContent>)(() =>
                {
                    var made = content();
                    if (made is StreamedBlobContent blob)
                    {
                        // A streamed upload keeps its request alive while bytes move: each chunk re-arms the timer.
                        blob.Watchdog = (timeout, _options.RequestTimeout);
                        streamed = blob;
                    }

                    return made;
                });
                try
                {
                    response = await SendAuthenticatedAsync(method, uri, scope, accept, body, subject, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception) when (streamed?.SourceFailure is { } failure)
                {
                    // The source of a streamed upload failed (digest mismatch, broken download): that is the error, not the network.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    throw;
                }
                catch (HttpRequestException) when (canRetry)
                {
                    await Task.Delay(RetryDelay.Backoff(attempt, _options.RetryBaseDelay), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e)
                {
                    throw new DrydockInputException($"cannot reach registry {Endpoint.ApiHost}: {OneLine(e)}", e);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && canRetry)
                {
                    await Task.Delay(RetryDelay.Backoff(attempt, _options.RetryBaseDelay), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new DrydockInputException($"cannot reach registry {Endpoint.ApiHost}: no answer within {_options.RequestTimeout.TotalSeconds:0} s", e);
                }
            }

            if (canRetry && IsRetryable(response.StatusCode))
            {
                var delay = RetryDelay.FromRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow())
                    ?? RetryDelay.Backoff(attempt, _options.RetryBaseDelay);
                response.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    private static bool IsRetryable(HttpStatusCode status)
        => status == HttpStatusCode.TooManyRequests
            || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpMethod method, Uri uri, string scope, string[]? accept, Func<HttpContent>? content,
        string subject, CancellationToken cancellationToken)
    {
        var authorization = await AuthorizationAsync(scope, subject, refresh: false, cancellationToken).ConfigureAwait(false);
        var response = await SendFollowingRedirectsAsync(method, uri, accept, content, authorization, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = response.Headers.WwwAuthenticate
                .Select(h => AuthChallenge.Parse(h.ToString()))
                .FirstOrDefault(c => c is not null && (c.IsBearer || c.IsBasic));
            if (challenge is not null)
            {
                _challenge = challenge;
                var retry = await AuthorizationAsync(scope, subject, refresh: authorization is not null, cancellationToken).ConfigureAwait(false);
                if (retry is not null)
                {
                    response.Dispose();
                    response = await SendFollowingRedirectsAsync(method, uri, accept, content, retry, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var detail = await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var denied = response.StatusCode == HttpStatusCode.Forbidden || _credential is not null;
            response.Dispose();
            throw AuthFailure(subject, denied, detail);
        }

        return response;
    }

    private DrydockInputException AuthFailure(string subject, bool denied, string detail) => denied
        ? new DrydockInputException($"authentication denied for {subject}{detail}")
        : new DrydockInputException($"authentication required for {subject}{detail}; log in with docker login or pass --username and --password-stdin");

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpMethod method, Uri uri, string[]? accept, Func<HttpContent>? content,
        AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var follows = method == HttpMethod.Get || method == HttpMethod.Head;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
            foreach (var type in accept ?? [])
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            // Credentials only ever go to the registry itself, never to a redirect target elsewhere.
            if (authorization is not null && Endpoint.Owns(uri))
            {
                request.Headers.Authorization = authorization;
            }

            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!follows || (int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null)
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (hop >= MaxRedirects)
            {
                throw new HostileInputException($"registry {Endpoint.ApiHost}: more than {MaxRedirects} redirects for {uri.AbsolutePath}");
            }

            uri = Target(uri, location, "a redirect");
        }
    }

    /// <summary>Resolves a Location header against <paramref name="from"/>, refusing plain HTTP except to loopback and insecure registries.</summary>
    private Uri Target(Uri from, Uri location, string what)
    {
        var next = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && RegistryEndpoint.AllowsPlainHttp(next.Authority, _options.InsecureRegistries)))
        {
            throw new HostileInputException($"registry {Endpoint.ApiHost}: refusing {what} to {next.Scheme}://{next.Authority} (only HTTPS, or HTTP to loopback and insecure registries)");
        }

        return next;
    }

    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(string scope, string subject, bool refresh, CancellationToken cancellationToken)
    {
        var challenge = _challenge;
        if (challenge is null)
        {
            return null;
        }

        if (challenge.IsBasic)
        {
            if (refresh)
            {
                return null;
            }

            var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
            return credential is null ? null : BasicHeader(credential);
        }

        var token = await TokenAsync(challenge, scope, subject, refresh, cancellationToken).ConfigureAwait(false);
        return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<string?> TokenAsync(AuthChallenge challenge, string scope, string subject, bool refresh, CancellationToken cancellationToken)
    {
        var realmText = challenge["realm"];
        if (string.IsNullOrEmpty(realmText) || !Uri.TryCreate(realmText, UriKind.Absolute, out var realm)
            || (realm.Scheme != Uri.UriSchemeHttps && !(realm.Scheme == Uri.UriSchemeHttp && RegistryEndpoint.AllowsPlainHttp(realm.Authority, _options.InsecureRegistries))))
        {
            throw new DrydockInputException($"registry {Endpoint.ApiHost} names an unusable token realm '{realmText}' (HTTPS required)");
        }

        var service = challenge["service"] ?? string.Empty;
        if (refresh)
        {
            _tokens.Remove(realm.AbsoluteUri, service, scope);
        }
        else if (_tokens.Get(realm.AbsoluteUri, service, scope) is { } cached)
        {
            return cached;
        }

        var credential = await CredentialAsync(cancellationToken).ConfigureAwait(false);
        using var request = BuildTokenRequest(realm, service, scope, credential);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw AuthFailure(subject, credential is not null, await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false));
        }

        if (IsRetryable(response.StatusCode))
        {
            throw new HttpRequestException($"token server {realm.Authority} answered {(int)response.StatusCode}");
        }

        await EnsureSuccessAsync(response, $"token for {subject}", cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(response, MaxTokenBytes, $"token for {subject}", cancellationToken).ConfigureAwait(false);
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.TokenResponse);
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"token server {realm.Authority} answered with invalid JSON ({e.Message.Split('.')[0]})", e);
        }

        var token = parsed?.Token is { Length: > 0 } t ? t : parsed?.AccessToken;
        if (string.IsNullOrEmpty(token))
        {
            throw new DrydockInputException($"token server {realm.Authority} answered without a token");
        }

        var lifetime = TimeSpan.FromSeconds(parsed!.ExpiresIn is int seconds and > 0 ? seconds : 60);
        _tokens.Put(realm.AbsoluteUri, service, scope, token, lifetime);
        return token;
    }

    private static HttpRequestMessage BuildTokenRequest(Uri realm, string service, string scope, RegistryCredential? credential)
    {
        if (credential?.IdentityToken is { Length: > 0 } refreshToken)
        {
            // An identity token is an OAuth2 refresh token: exchange it at the realm with a form POST.
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["service"] = service,
                ["scope"] = scope,
                ["client_id"] = "drydock",
            };
            return new HttpRequestMessage(HttpMethod.Post, realm) { Content = new FormUrlEncodedContent(form) };
        }

        var query = new StringBuilder(realm.Query.Length > 0 ? realm.Query + "&" : "?");
        if (service.Length > 0)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        }

        // Several scopes (a mount needs push on the target and pull on the source) go as repeated scope parameters.
        query.AppendJoin('&', scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => "scope=" + Uri.EscapeDataString(s)));
        var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realm) { Query = query.ToString().TrimStart('?') }.Uri);
        if (credential is not null)
        {
            request.Headers.Authorization = BasicHeader(credential);
        }

        return request;
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredential credential)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Secret}")));

    private async Task<RegistryCredential?> CredentialAsync(CancellationToken cancellationToken)
    {
        if (_credentialLoaded || _credentials is null)
        {
            return _credential;
        }

        await _credentialLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_credentialLoaded)
            {
                _credential = await _credentials.GetAsync(Endpoint.Registry, cancellationToken).ConfigureAwait(false);
                _credentialLoaded = true;
            }

            return _credential;
        }
        finally
        {
            _credentialLock.Release();
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await BriefErrorAsync(response, cancellationToken).ConfigureAwait(false);
        throw new DrydockInputException($"registry {Endpoint.ApiHost} answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}{detail}");
    }

    /// <summary>Reads a small body completely, refusing more than <paramref name="maxBytes"/> whatever Content-Length says.</summary>
    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw new HostileInputException($"{what}: {length} bytes, over the {maxBytes}-byte limit");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            while (true)
            {
                var n = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + n > maxBytes)
                {
                    throw new HostileInputException($"{what}: larger than the {maxBytes}-byte limit");
                }

                buffer.Write(chunk, 0, n);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DrydockInputException($"{what}: the registry did not send the body within {_options.RequestTimeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new DrydockInputException($"{what}: the download broke off ({OneLine(e)})", e);
        }
    }

    /// <summary>The registry's error JSON in brief (<c>": CODE: message"</c>), or empty.</summary>
    private static async Task<string> BriefErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBytes];
            var total = 0;
            int n;
            while (total < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
            }

            var body = JsonSerializer.Deserialize(buffer.AsSpan(0, total), RegistryJsonContext.Default.RegistryErrorBody);
            var parts = (body?.Errors ?? []).Take(3).Select(e => string.Join(": ", new[] { e.Code, e.Message }.Where(s => !string.IsNullOrEmpty(s))));
            var text = string.Join("; ", parts.Where(p => p.Length > 0)).ReplaceLineEndings(" ");
            return text.Length == 0 ? string.Empty : ": " + (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            // Not the registry's error format (or no body): the status line says enough.
            return string.Empty;
        }
    }

    private static Digest Verify(byte[] bytes, Digest expected, string what)
    {
        using var hash = expected.CreateHash();
        hash.AppendData(bytes);
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, expected.Hex, StringComparison.Ordinal))
        {
            throw new DigestMismatchException(what, expected, $"{expected.Algorithm}:{actual}");
        }

        return expected;
    }

    private string Subject(string repository) => $"{Endpoint.Registry}/{repository}";

    private static string RepositoryScope(string repository) => $"repository:{repository}:pull";

    private static string PushScope(string repository) => $"repository:{repository}:pull,push";

    private static string PageQuery(int? pageSize) => pageSize is > 0 ? $"?n={pageSize}" : string.Empty;

    private static string OneLine(Exception e)
    {
        var message = (e.InnerException?.Message is { Length: > 0 } inner && !e.Message.Contains(inner, StringComparison.Ordinal) ? $"{e.Message} ({inner})" : e.Message)
            .ReplaceLineEndings(" ");
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _credentialLock.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
