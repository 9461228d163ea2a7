using System.Text.Json;

namespace Drydock.Crawl.Rescan;

/// <summary>One webhook notification as the outbox keeps it: its id (the idempotency key receivers see in
/// <c>X-Drydock-Delivery</c>, and the document's own <c>id</c>), the image, the event and the exact JSON body to POST.</summary>
public sealed record OutboxNotification(string Id, string Digest, string Event, byte[] Body)
{
    /// <summary>The notification of one changed image (its <see cref="ImageRescan.Id"/> is the notification's id).</summary>
    public static OutboxNotification For(ImageRescan image)
        => new(image.Id, image.Digest, image.Event, JsonSerializer.SerializeToUtf8Bytes(image, RescanJsonContext.Default.ImageRescan));

    /// <summary>A new notification id: a version 7 UUID (time-ordered, unique without coordination).</summary>
    public static string NewId() => Guid.CreateVersion7().ToString();
}
