using System.Net;
using System.Net.Http.Headers;

namespace Drydock.Crawl.Rescan;

/// <summary>POSTs one outbox notification (an <see cref="ImageRescan"/> document) to a webhook. Each attempt has a time
/// limit; network errors, time-outs, 408, 429 and 5xx are tried again after a growing wait (a <c>Retry-After</c> within
/// bounds is honoured); other statuses fail at once. A failure is returned, never thrown: the notification stays in the
/// outbox. Every attempt carries the notification's id in <c>X-Drydock-Delivery</c>, so a receiver can drop repeats.</summary>
public sealed class RescanWebhook(HttpClient client, WebhookOptions options)
{
    /// <summary>The header naming the event (<see cref="ImageRescan.ChangedEvent"/>).</summary>
    public const string EventHeader = "X-Drydock-Event";

    /// <summary>The header carrying the notification's id (its idempotency key), the same on every attempt and every rescan.</summary>
    public const string DeliveryHeader = "X-Drydock-Delivery";

    /// <summary>A client for webhooks: no redirects followed, no overall time-out (each attempt has its own).</summary>
    public static HttpClient CreateClient(WebhookOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = options.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("drydock", "0.1"));
        return http;
    }

    /// <summary>Delivers one notification.</summary>
    public async Task<WebhookDelivery> DeliverAsync(OutboxNotification notification, CancellationToken cancellationToken)
    {
        var (body, id) = (notification.Body, notification.Id);
        var wait = options.FirstBackoff;
        int? status = null;
        var error = "no attempt was made";
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(options.Timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.Add(EventHeader, notification.Event);
                    request.Headers.Add(DeliveryHeader, id);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        return new WebhookDelivery(id, notification.Digest, true, attempt, status, null);
                    }

                    error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                    if (!Retryable(response.StatusCode))
                    {
                        return new WebhookDelivery(id, notification.Digest, false, attempt, status, error);
                    }

                    retryAfter = RetryAfter(response);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    (status, error) = (null, $"no answer within {options.Timeout.TotalSeconds:0.###} s");
                }
                catch (HttpRequestException e)
                {
                    (status, error) = (null, e.Message);
                }
            }

            if (attempt < options.Attempts)
            {
                var delay = retryAfter is { } asked ? (asked < options.MaxBackoff ? asked : options.MaxBackoff) : wait;
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                wait = wait * 2 < options.MaxBackoff ? wait * 2 : options.MaxBackoff;
            }
        }

        return new WebhookDelivery(id, notification.Digest, false, options.Attempts, status, $"{error} (after {options.Attempts} attempts)");
    }

    private static bool Retryable(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
        => response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };
}
