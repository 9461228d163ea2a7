namespace Drydock.Crawl.Rescan;

/// <summary>How posting one notification (<paramref name="Id"/>, about image <paramref name="Digest"/>) to the webhook went in
/// this rescan: delivered or not, after how many attempts, the last HTTP status and, when it failed, why (one line).</summary>
public sealed record WebhookDelivery(string Id, string Digest, bool Delivered, int Attempts, int? Status, string? Error);
