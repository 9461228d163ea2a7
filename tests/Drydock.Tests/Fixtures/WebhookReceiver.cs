using System.Collections.Concurrent;
using System.Net;

namespace Drydock.Tests.Fixtures;

/// <summary>A real HTTP receiver (HttpListener) on a free loopback port that records every request and answers as
/// <see cref="Respond"/> says for the request's number (1-based): a status, a delay before answering, a Retry-After.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _count;

    /// <summary>Starts listening on <paramref name="port"/> (default: a free one); a test that needs a receiver that is
    /// down first and up later takes a free port, posts to it with nobody there, then starts the receiver on it.</summary>
    public WebhookReceiver(int? port = null)
    {
        port ??= RegistryServer.FreePort();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(() => HttpListenerLoop.RunAsync(_listener, context => _ = Task.Run(() => AnswerAsync(context))));
    }

    /// <summary>The URL to post to (for a given port: <c>http://127.0.0.1:PORT/hook/</c>).</summary>
    public string Url { get; }

    /// <summary>The answer to request number n (default: 204 at once).</summary>
    public Func<int, Answer> Respond { get; set; } = _ => new Answer(204);

    /// <summary>Every request received, in order of arrival.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var number = Interlocked.Increment(ref _count);
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new Received(number, context.Request.HttpMethod, context.Request.ContentType, context.Request.Headers["X-Drydock-Event"],
                context.Request.Headers["X-Drydock-Delivery"], body));
            var answer = Respond(number);
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The client gave up (a time-out under test) or the receiver is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    /// <summary>How to answer one request.</summary>
    public sealed record Answer(int Status, TimeSpan Delay = default, int? RetryAfterSeconds = null);

    /// <summary>One request as received.</summary>
    public sealed record Received(int Number, string Method, string? ContentType, string? Event, string? Delivery, string Body);
}
