using System.Net;

namespace Drydock.Tests.Fixtures;

/// <summary>A tiny loopback HTTP server whose answers a test scripts (a schema 1 registry, a flaky proxy, a redirector),
/// recording the path and Authorization header of every request.</summary>
public sealed class RegistryScriptedServer : IDisposable
{
    private static readonly HttpClient Upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly List<(string Path, string? Authorization)> _requests = [];

    private RegistryScriptedServer(HttpListener listener, int port, Func<HttpListenerContext, Task> handler)
    {
        _listener = listener;
        _handler = handler;
        Port = port;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>host:port.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Every request so far: path with query, and its Authorization header.</summary>
    public IReadOnlyList<(string Path, string? Authorization)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server answering with <paramref name="handler"/>, which must close the response.</summary>
    public static RegistryScriptedServer Start(Func<HttpListenerContext, Task> handler)
    {
        var port = RegistryServer.FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var server = new RegistryScriptedServer(listener, port, handler);
        _ = Task.Run(server.LoopAsync);
        return server;
    }

    /// <summary>Answers with a status, headers and a body.</summary>
    public static async Task RespondAsync(HttpListenerContext context, int status, byte[]? body = null, string? contentType = null,
        IDictionary<string, string>? headers = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[k] = v;
        }

        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        body ??= [];
        response.ContentLength64 = body.Length;
        if (context.Request.HttpMethod != "HEAD")
        {
            await response.OutputStream.WriteAsync(body);
        }

        response.Close();
    }

    /// <summary>Forwards the request to <paramref name="upstreamBase"/> (a real registry) and relays its answer.</summary>
    public static async Task ProxyAsync(HttpListenerContext context, string upstreamBase)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), upstreamBase.TrimEnd('/') + context.Request.RawUrl);
        foreach (var accept in context.Request.AcceptTypes ?? [])
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var upstream = await Upstream.SendAsync(request);
        var body = await upstream.Content.ReadAsByteArrayAsync();
        var headers = new Dictionary<string, string>();
        foreach (var name in new[] { "Docker-Content-Digest", "Link", "Location" })
        {
            if (upstream.Headers.TryGetValues(name, out var values))
            {
                headers[name] = values.First();
            }
        }

        await RespondAsync(context, (int)upstream.StatusCode, body, upstream.Content.Headers.ContentType?.ToString(), headers);
    }

    private Task LoopAsync() => HttpListenerLoop.RunAsync(_listener, Accept);

    private void Accept(HttpListenerContext context)
    {
        lock (_requests)
        {
            _requests.Add((context.Request.RawUrl ?? "", context.Request.Headers["Authorization"]));
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _handler(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                context.Response.Abort();
            }
        });
    }

    public void Dispose() => _listener.Close();
}
