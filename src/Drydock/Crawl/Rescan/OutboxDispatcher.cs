namespace Drydock.Crawl.Rescan;

/// <summary>Delivers the outbox's pending notifications (this rescan's and those earlier rescans left) to the webhook,
/// oldest first, recording each outcome as it comes; after <see cref="WebhookOptions.GiveUpAfterFailedImages"/> failures in
/// a row the rest wait for the next rescan. Returns this run's deliveries and how many notifications are still pending.</summary>
public sealed class OutboxDispatcher(RescanOutbox outbox, RescanWebhook webhook, WebhookOptions options)
{
    /// <summary>Notifications read per query.</summary>
    public int PageSize { get; init; } = 200;

    /// <summary>Delivers what is pending.</summary>
    public async Task<OutboxDispatch> DispatchAsync(CancellationToken cancellationToken)
    {
        var deliveries = new List<WebhookDelivery>();
        var failedInARow = 0;
        OutboxCursor? after = null;
        while (failedInARow < options.GiveUpAfterFailedImages)
        {
            var page = await outbox.PendingAsync(after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var pending in page)
            {
                after = pending.Position;
                var delivery = await webhook.DeliverAsync(pending.Notification, cancellationToken).ConfigureAwait(false);
                await outbox.RecordAsync(delivery, cancellationToken).ConfigureAwait(false);
                deliveries.Add(delivery);
                failedInARow = delivery.Delivered ? 0 : failedInARow + 1;
                if (failedInARow >= options.GiveUpAfterFailedImages)
                {
                    break;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        return new OutboxDispatch(deliveries, await outbox.PendingCountAsync(cancellationToken).ConfigureAwait(false), failedInARow >= options.GiveUpAfterFailedImages);
    }
}

/// <summary>What one dispatch did: the deliveries tried, the notifications still pending, and whether it stopped early
/// because the receiver kept failing.</summary>
public sealed record OutboxDispatch(List<WebhookDelivery> Deliveries, int Pending, bool GaveUp);
