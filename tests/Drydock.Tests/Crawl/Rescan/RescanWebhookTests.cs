using System.Text.Json;
using Drydock.Assessment.Rescan;
using Drydock.Crawl.Rescan;
using Drydock.Project;
using Drydock.Reporting.Vulnerabilities;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl.Rescan;

/// <summary>The webhook against a real HTTP receiver on loopback: retries with backoff, Retry-After, time-outs, statuses
/// not worth retrying, and (through the outbox) giving up on a receiver that keeps failing, all reported per notification and never thrown.</summary>
public sealed class RescanWebhookTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static OutboxNotification Image(string digest) => OutboxNotification.For(new()
    {
        Digest = digest,
        Reference = "127.0.0.1:5000/apps/web@" + digest,
        Platform = "linux/amd64",
        Tags = ["127.0.0.1:5000/apps/web:1"],
        Before = new FindingCounts(0, 0, 0, 1),
        After = new FindingCounts(0, 0, 0, 2),
        Added = 1,
        Packages =
        [
            new PackageFindingsChange
            {
                Package = new PackageRef("npm", null, "express", "4.18.2", "pkg:npm/express@4.18.2", "/app/node_modules/express/package.json"),
                Added = ["CVE-2024-29041"],
            },
        ],
    });

    // Short waits: the tests check what is retried, not how long it takes.
    private RescanWebhook Webhook(HttpClient client, int attempts = 3, double timeoutSeconds = 5)
        => new(client, WebhookOptions.For(_receiver.Url) with
        {
            Attempts = attempts,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            FirstBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
            GiveUpAfterFailedImages = 2,
        });

    private HttpClient Client() => RescanWebhook.CreateClient(WebhookOptions.For(_receiver.Url));

    [Fact]
    public async Task One_json_document_per_notification_with_the_event_and_its_id()
    {
        using var client = Client();
        var (a, b) = (Image("sha256:aa"), Image("sha256:bb"));
        var deliveries = new[] { await Webhook(client).DeliverAsync(a, CancellationToken.None), await Webhook(client).DeliverAsync(b, CancellationToken.None) };

        Assert.All(deliveries, d => Assert.True(d.Delivered));
        Assert.Equal(["sha256:aa", "sha256:bb"], deliveries.Select(d => d.Digest));
        Assert.Equal([a.Id, b.Id], deliveries.Select(d => d.Id));
        var received = _receiver.Requests.ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal(("POST", "application/json", ImageRescan.ChangedEvent), (r.Method, r.ContentType, r.Event)));
        var first = JsonSerializer.Deserialize(received[0].Body, RescanJsonContext.Default.ImageRescan)!;
        Assert.Equal("sha256:aa", first.Digest);
        Assert.Equal(["CVE-2024-29041"], first.Packages.Single().Added);
        Assert.Equal((a.Id, a.Id), (received[0].Delivery, first.Id));
        Assert.True(Guid.TryParse(received[0].Delivery, out _));
        Assert.NotEqual(received[0].Delivery, received[1].Delivery);
    }

    [Fact]
    public async Task Server_errors_and_429_are_retried_with_the_same_delivery_id()
    {
        _receiver.Respond = n => n switch
        {
            1 => new WebhookReceiver.Answer(503),
            2 => new WebhookReceiver.Answer(429, RetryAfterSeconds: 0),
            _ => new WebhookReceiver.Answer(200),
        };
        using var client = Client();
        var delivery = await Webhook(client).DeliverAsync(Image("sha256:aa"), CancellationToken.None);

        Assert.True(delivery.Delivered);
        Assert.Equal((3, 200), (delivery.Attempts, delivery.Status));
        Assert.Single(_receiver.Requests.Select(r => r.Delivery).Distinct());
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_a_receiver_that_keeps_failing_is_given_up()
    {
        _receiver.Respond = _ => new WebhookReceiver.Answer(400);
        using var client = Client();
        var rejected = await Webhook(client).DeliverAsync(Image("sha256:aa"), CancellationToken.None);
        Assert.False(rejected.Delivered);
        Assert.Equal((1, 400), (rejected.Attempts, rejected.Status));
        Assert.Contains("HTTP 400", rejected.Error, StringComparison.Ordinal);

        // Through the outbox: a receiver that keeps failing is given up after two in a row, the rest stay pending.
        _receiver.Respond = _ => new WebhookReceiver.Answer(500);
        await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseLocation.ForSqlite(Path.Combine(RepoPaths.Scratch("rescan-outbox"), "drydock.db")), CancellationToken.None);
        await OutboxRows.AddAsync(database, Image("sha256:01"), Image("sha256:02"), Image("sha256:03"));
        var options = WebhookOptions.For(_receiver.Url) with { Attempts = 3, FirstBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50), GiveUpAfterFailedImages = 2 };
        var outbox = new RescanOutbox(database);
        var dispatch = await new OutboxDispatcher(outbox, new RescanWebhook(client, options), options).DispatchAsync(CancellationToken.None);
        Assert.Equal([false, false], dispatch.Deliveries.Select(d => d.Delivered));
        Assert.Equal([3, 3], dispatch.Deliveries.Select(d => d.Attempts));
        Assert.Equal(["sha256:01", "sha256:02"], dispatch.Deliveries.Select(d => d.Digest));
        Assert.Contains("after 3 attempts", dispatch.Deliveries[0].Error, StringComparison.Ordinal);
        Assert.True(dispatch.GaveUp);
        Assert.Equal(3, dispatch.Pending);
        Assert.Equal(1 + 3 + 3, _receiver.Requests.Count);

        // The receiver is back: the oldest first, each once, and nothing left.
        _receiver.Respond = _ => new WebhookReceiver.Answer(204);
        var again = await new OutboxDispatcher(outbox, new RescanWebhook(client, options), options).DispatchAsync(CancellationToken.None);
        Assert.Equal(["sha256:01", "sha256:02", "sha256:03"], again.Deliveries.Select(d => d.Digest));
        Assert.All(again.Deliveries, d => Assert.True(d.Delivered));
        Assert.Equal(0, again.Pending);
        Assert.Empty((await new OutboxDispatcher(outbox, new RescanWebhook(client, options), options).DispatchAsync(CancellationToken.None)).Deliveries);
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_in_time_is_retried_then_reported()
    {
        // 1.5 s, not less: under a loaded test run the prompt second answer itself can take a few hundred milliseconds.
        _receiver.Respond = n => n == 1 ? new WebhookReceiver.Answer(200, Delay: TimeSpan.FromSeconds(5)) : new WebhookReceiver.Answer(202);
        using var client = Client();
        var delivery = await Webhook(client, timeoutSeconds: 1.5).DeliverAsync(Image("sha256:aa"), CancellationToken.None);
        Assert.True(delivery.Delivered);
        Assert.Equal((2, 202), (delivery.Attempts, delivery.Status));

        _receiver.Respond = _ => new WebhookReceiver.Answer(200, Delay: TimeSpan.FromSeconds(5));
        var late = await Webhook(client, attempts: 2, timeoutSeconds: 1.5).DeliverAsync(Image("sha256:bb"), CancellationToken.None);
        Assert.False(late.Delivered);
        Assert.Contains("no answer within 1.5 s", late.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_that_is_not_there_is_a_reported_failure()
    {
        var nobody = $"http://127.0.0.1:{RegistryServer.FreePort()}/hook";
        using var client = RescanWebhook.CreateClient(WebhookOptions.For(nobody));
        var webhook = new RescanWebhook(client, WebhookOptions.For(nobody) with { Attempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(10) });
        var delivery = await webhook.DeliverAsync(Image("sha256:aa"), CancellationToken.None);
        Assert.False(delivery.Delivered);
        Assert.Null(delivery.Status);
        Assert.Equal(2, delivery.Attempts);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("/relative/hook")]
    [InlineData("not a url")]
    public void Only_absolute_http_urls_are_accepted(string url)
        => Assert.Throws<DrydockInputException>(() => WebhookOptions.For(url));
}
