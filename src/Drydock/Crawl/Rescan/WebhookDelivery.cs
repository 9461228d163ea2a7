namespace Drydock.Crawl.Rescan;

/// <summary>How posting one changed image to the webhook went: delivered or not, after how many attempts, the last HTTP
/// status and, when it failed, why (one line). Zero attempts: not tried, because the receiver had failed too often in a row.</summary>
public sealed record WebhookDelivery(string Digest, bool Delivered, int Attempts, int? Status, string? Error);
