using System.Collections.Concurrent;
using System.Net;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Advisories.Distribution;

/// <summary>A loopback feed host: serves files set by the test with an ETag, answers 304 to a matching If-None-Match,
/// and counts full (200) downloads per path.</summary>
public sealed class FeedServer : IDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ETag)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _downloads = new(StringComparer.Ordinal);
    private readonly RegistryScriptedServer _server;
    private int _version;

    public FeedServer() => _server = RegistryScriptedServer.Start(HandleAsync);

    public string Url(string path) => $"http://{_server.Host}{path}";

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> with a fresh ETag.</summary>
    public void Set(string path, byte[] body) => _files[path] = (body, $"\"v{Interlocked.Increment(ref _version)}\"");

    /// <summary>Makes <paramref name="path"/> answer 500 (or serve again).</summary>
    public void Fail(string path, bool failing = true)
    {
        if (failing)
        {
            _failing[path] = 1;
        }
        else
        {
            _failing.TryRemove(path, out _);
        }
    }

    /// <summary>Full downloads of <paramref name="path"/> so far.</summary>
    public int Downloads(string path) => _downloads.GetValueOrDefault(path);

    /// <summary>Full downloads of every path so far.</summary>
    public int TotalDownloads => _downloads.Values.Sum();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        if (_failing.ContainsKey(path))
        {
            await RegistryScriptedServer.RespondAsync(context, 500);
            return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            await RegistryScriptedServer.RespondAsync(context, 404);
            return;
        }

        if (context.Request.Headers["If-None-Match"] == file.ETag)
        {
            await RegistryScriptedServer.RespondAsync(context, 304, headers: new Dictionary<string, string> { ["ETag"] = file.ETag });
            return;
        }

        _downloads.AddOrUpdate(path, 1, (_, n) => n + 1);
        await RegistryScriptedServer.RespondAsync(context, 200, file.Body, "application/octet-stream", new Dictionary<string, string> { ["ETag"] = file.ETag });
    }

    public void Dispose() => _server.Dispose();
}
