using System.Net;

namespace Drydock.Tests.Fixtures;

/// <summary>The accept loop the loopback test servers share: hands each request to a handler until the listener stops.</summary>
public static class HttpListenerLoop
{
    /// <summary>Accepts requests on <paramref name="listener"/> and passes each to <paramref name="handle"/>; returns once it is stopped.</summary>
    public static async Task RunAsync(HttpListener listener, Action<HttpListenerContext> handle)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            handle(context);
        }
    }
}
