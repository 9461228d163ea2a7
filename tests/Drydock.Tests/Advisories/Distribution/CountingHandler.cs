using System.Collections.Concurrent;

namespace Drydock.Tests.Advisories.Distribution;

/// <summary>A real socket handler that records every request (method and path) and can cut requests off on demand,
/// as a broken connection would.</summary>
public sealed class CountingHandler(Func<HttpRequestMessage, bool>? cut = null)
    : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    public IReadOnlyList<(string Method, string Path)> Requests => [.. _requests];

    public int Count(string method, string pathPart)
        => Requests.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery));
        if (cut?.Invoke(request) == true)
        {
            throw new HttpRequestException("connection cut by the test");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
