using System.Net;
using System.Text.Json.Nodes;
using Drydock.Cli.Serve;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Admission;

/// <summary><c>drydock serve</c> answering real AdmissionReview requests over HTTPS, with images in a real registry.</summary>
[Collection(AdmissionCollection.Name)]
public sealed class AdmissionWebhookTests(AdmissionFixture fixture) : IAsyncLifetime
{
    private AdmissionServer _server = null!;
    private WebhookClient _client = null!;
    private string _audit = null!;

    public async Task InitializeAsync()
    {
        var settings = fixture.Settings("closed-" + Guid.NewGuid().ToString("N")[..6]);
        _audit = settings.AuditLogPath!;
        _server = await AdmissionServer.StartAsync(settings, TextWriter.Null, CancellationToken.None);
        _client = new WebhookClient(_server.Address, fixture.Certificate);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_image_built_on_a_catalog_base_is_allowed()
    {
        Assert.Equal("https", _server.Address.Scheme);
        var response = await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/layered:v1")));
        Assert.True((bool)response["allowed"]!, WebhookClient.Json(response));
        Assert.Null(response["status"]);
    }

    [Fact]
    public async Task An_image_not_built_on_a_base_is_denied_naming_the_image_and_the_rule()
    {
        var image = fixture.Ref("apps/alpine:3.19");
        var response = await _client.ValidateAsync(WebhookClient.PodReview(image));
        Assert.False((bool)response["allowed"]!);
        Assert.Equal(403, (int)response["status"]!["code"]!);
        var message = (string)response["status"]!["message"]!;
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("drydock denied Pod team-a/web: ", message);
        Assert.Contains($"{image} (sha256:", message);
        Assert.Contains("fails base (", message);
    }

    [Fact]
    public async Task An_image_with_a_denied_malware_category_is_denied()
    {
        var response = await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/miner:v1")));
        Assert.False((bool)response["allowed"]!);
        var message = (string)response["status"]!["message"]!;
        Assert.Contains("fails malware (", message);
        Assert.Contains("coin-miner", message);
        Assert.DoesNotContain("base (", message);
    }

    [Fact]
    public async Task A_deployment_is_judged_on_every_container_list_and_names_only_the_failing_images()
    {
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "shop", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 2,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "shop" } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "shop" } },
                    ["spec"] = WebhookClient.PodSpec([fixture.Ref("apps/layered:v1"), fixture.Ref("apps/alpine:3.19")], init: [fixture.Ref("hardened/busybox:1.0")]),
                },
            },
        };
        var response = await _client.ValidateAsync(WebhookClient.Review("apps", "v1", "Deployment", "deployments", deployment));
        Assert.False((bool)response["allowed"]!);
        var message = (string)response["status"]!["message"]!;
        Assert.StartsWith("drydock denied Deployment team-a/shop: ", message);
        Assert.Contains("apps/alpine:3.19", message);
        Assert.DoesNotContain("apps/layered", message);
        Assert.DoesNotContain("hardened/busybox", message);

        var audit = WebhookClient.AuditLines(_audit).Single(l => (string?)l["name"] == "shop");
        Assert.Equal(["passed", "failed", "passed"], audit["images"]!.AsArray().Select(i => (string)i!["result"]!));
        Assert.Equal("initContainers/init0", (string?)audit["images"]![2]!["containers"]![0]);
    }

    [Fact]
    public async Task A_cronjob_with_init_and_ephemeral_containers_is_allowed_when_all_pass()
    {
        var cronJob = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = new JsonObject { ["name"] = "nightly", ["namespace"] = "team-a" },
            ["spec"] = new JsonObject
            {
                ["schedule"] = "0 3 * * *",
                ["jobTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["template"] = new JsonObject
                        {
                            ["spec"] = WebhookClient.PodSpec([fixture.Ref("apps/layered:v1"), fixture.Ref("hardened/busybox:1.0")],
                                init: [fixture.Ref("hardened/busybox:1.0")], ephemeral: [fixture.Ref("apps/layered:v1")]),
                        },
                    },
                },
            },
        };
        var response = await _client.ValidateAsync(WebhookClient.Review("batch", "v1", "CronJob", "cronjobs", cronJob));
        Assert.True((bool)response["allowed"]!, WebhookClient.Json(response));

        var audit = WebhookClient.AuditLines(_audit).Single(l => (string?)l["name"] == "nightly");
        Assert.Equal("allowed", (string?)audit["decision"]);
        Assert.Equal("CronJob", (string?)audit["kind"]);
        Assert.Equal("team-a", (string?)audit["namespace"]);
        var images = audit["images"]!.AsArray();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.StartsWith("sha256:", (string?)i!["digest"]));
        Assert.Equal(["containers/c0", "ephemeralContainers/debug0"], images[0]!["containers"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task The_second_request_for_a_digest_is_a_cache_hit_and_both_are_audited()
    {
        var review = WebhookClient.PodReview(fixture.Ref("hardened/busybox:1.0"));
        await _client.ValidateAsync(review);
        var hits = await _client.MetricAsync("drydock_verdict_cache_hits_total");
        var second = WebhookClient.PodReview(fixture.Ref("hardened/busybox:1.0"));
        Assert.True((bool)(await _client.ValidateAsync(second))["allowed"]!);
        Assert.Equal(hits + 1, await _client.MetricAsync("drydock_verdict_cache_hits_total"));
        Assert.True(await _client.MetricAsync("drydock_admission_decisions_total{result=\"allowed\"}") >= 2);

        var lines = WebhookClient.AuditLines(_audit);
        var first = lines.Single(l => (string?)l["uid"] == (string?)review["request"]!["uid"]);
        var again = lines.Single(l => (string?)l["uid"] == (string?)second["request"]!["uid"]);
        Assert.False((bool)first["images"]![0]!["cached"]!);
        Assert.True((bool)again["images"]![0]!["cached"]!);
        Assert.Equal((string?)first["images"]![0]!["digest"], (string?)again["images"]![0]!["digest"]);
        Assert.True(DateTimeOffset.TryParse((string?)again["time"], out _));
    }

    [Fact]
    public async Task An_unreachable_registry_is_denied_fail_closed()
    {
        var image = $"127.0.0.1:{RegistryServer.FreePort()}/apps/gone:v1";
        var response = await _client.ValidateAsync(WebhookClient.PodReview(image));
        Assert.False((bool)response["allowed"]!);
        var message = (string)response["status"]!["message"]!;
        Assert.Contains($"{image} was not checked: cannot reach registry", message);
        Assert.EndsWith("denied (fail-closed)", message);
        var audit = WebhookClient.AuditLines(_audit).Single(l => (string?)l["uid"] == (string?)response["uid"]);
        Assert.Equal("unavailable", (string?)audit["images"]![0]!["result"]);
    }

    [Fact]
    public async Task Fail_open_admits_an_unreachable_registry_with_a_warning()
    {
        await using var server = await AdmissionServer.StartAsync(fixture.Settings("open", failOpen: true), TextWriter.Null, CancellationToken.None);
        using var client = new WebhookClient(server.Address, fixture.Certificate);
        var image = $"127.0.0.1:{RegistryServer.FreePort()}/apps/gone:v1";
        var response = await client.ValidateAsync(WebhookClient.PodReview(image, fixture.Ref("apps/layered:v1")));
        Assert.True((bool)response["allowed"]!, WebhookClient.Json(response));
        var warning = (string)response["warnings"]![0]!;
        Assert.StartsWith($"drydock admitted {image} without a verdict (fail-open): cannot reach registry", warning);
        Assert.Equal(1, await client.MetricAsync("drydock_admission_fail_open_total"));

        // Fail-open never admits a policy failure.
        var miner = await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/miner:v1")));
        Assert.False((bool)miner["allowed"]!);
    }

    [Fact]
    public async Task A_scan_that_outlasts_the_budget_is_denied_and_its_result_serves_the_retry()
    {
        // A cache of its own: with the shared one, another test may have analysed the Debian layer already, and a warm scan
        // can finish inside any budget. A cold read of its 51 MB layer takes far longer than 0.1 s.
        var settings = fixture.Settings("budget", scanTimeout: TimeSpan.FromMilliseconds(100), cacheDirectory: RepoPaths.Scratch("admission-budget-cache"));
        await using var server = await AdmissionServer.StartAsync(settings, TextWriter.Null, CancellationToken.None);
        using var client = new WebhookClient(server.Address, fixture.Certificate);
        var response = await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/debian:bookworm")));
        Assert.False((bool)response["allowed"]!);
        var message = (string)response["status"]!["message"]!;
        Assert.Contains("within the 0.1 s budget", message);
        Assert.EndsWith("denied (fail-closed)", message);

        // The scan went on: once it is done, the retry gets the policy's verdict (debian is not built on the base).
        for (var i = 0; i < 600 && await client.MetricAsync("drydock_scans_total{result=\"succeeded\"}") == 0; i++)
        {
            await Task.Delay(200);
        }

        var retry = await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/debian:bookworm")));
        Assert.Contains("fails base (", (string)retry["status"]!["message"]!);
    }

    [Fact]
    public async Task A_tag_is_resolved_on_every_request_unless_a_digest_ttl_is_set()
    {
        var tag = $"apps/moving-{Guid.NewGuid():N}"[..20] + ":v1";
        await fixture.Registry.PushAsync($"oci:{fixture.Images.OciLayout("layered")}:v1", tag);
        await using var server = await AdmissionServer.StartAsync(fixture.Settings("ttl") with
        {
            Admission = new Drydock.Admission.AdmissionOptions { ScanTimeout = TimeSpan.FromSeconds(60), DigestTtl = TimeSpan.FromMinutes(5) },
        }, TextWriter.Null, CancellationToken.None);
        using var client = new WebhookClient(server.Address, fixture.Certificate);
        Assert.True((bool)(await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref(tag))))["allowed"]!);
        Assert.True((bool)(await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref(tag))))["allowed"]!);

        // The tag moves to an image not built on the base: the server without a TTL sees it at once, the other keeps the old digest.
        await fixture.Registry.PushAsync($"oci:{fixture.Images.OciLayout("alpine")}:3.19", tag);
        Assert.False((bool)(await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref(tag))))["allowed"]!);
        Assert.True((bool)(await client.ValidateAsync(WebhookClient.PodReview(fixture.Ref(tag))))["allowed"]!);
    }

    [Fact]
    public async Task Requests_without_pod_specs_and_deletes_are_allowed_unchecked()
    {
        var scale = WebhookClient.Review("autoscaling", "v1", "Scale", "deployments", new JsonObject { ["apiVersion"] = "autoscaling/v1", ["kind"] = "Scale" }, "UPDATE");
        Assert.True((bool)(await _client.ValidateAsync(scale))["allowed"]!);
        var delete = WebhookClient.PodReview(fixture.Ref("apps/miner:v1"));
        delete["request"]!["operation"] = "DELETE";
        Assert.True((bool)(await _client.ValidateAsync(delete))["allowed"]!);
    }

    [Fact]
    public async Task Bad_requests_get_400_and_bad_images_are_denied()
    {
        using var notJson = await _client.Http.PostAsync("/validate", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var wrongVersion = WebhookClient.PodReview("busybox");
        wrongVersion["apiVersion"] = "admission.k8s.io/v1beta1";
        using var old = await _client.Http.PostAsync("/validate", new StringContent(wrongVersion.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("admission.k8s.io/v1 AdmissionReview", await old.Content.ReadAsStringAsync());

        var badReference = await _client.ValidateAsync(WebhookClient.PodReview("UPPER/Case::bad"));
        Assert.False((bool)badReference["allowed"]!);
        Assert.Contains("UPPER/Case::bad: not an image reference", (string)badReference["status"]!["message"]!);
        var missing = await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/none:v1")));
        Assert.False((bool)missing["allowed"]!);
        Assert.Contains("image not found", (string)missing["status"]!["message"]!);
    }

    [Fact]
    public async Task Health_readiness_and_metrics_answer()
    {
        Assert.Equal((200, "ok\n"), await _client.GetAsync("/healthz"));
        Assert.Equal((200, "ready\n"), await _client.GetAsync("/readyz"));
        await _client.ValidateAsync(WebhookClient.PodReview(fixture.Ref("apps/layered:v1")));
        var (status, metrics) = await _client.GetAsync("/metrics");
        Assert.Equal(200, status);
        Assert.Contains("# TYPE drydock_admission_decisions_total counter", metrics);
        Assert.Contains("# TYPE drydock_admission_duration_seconds histogram", metrics);
        Assert.Contains("drydock_admission_duration_seconds_bucket{le=\"+Inf\"}", metrics);
        Assert.True(await _client.MetricAsync("drydock_admission_duration_seconds_count") >= 1);
        Assert.True(await _client.MetricAsync("drydock_verdict_cache_entries") >= 1);
    }
}
