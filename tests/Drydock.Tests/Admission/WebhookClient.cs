using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Drydock.Tests.Admission;

/// <summary>An HTTPS client of a running webhook that trusts exactly the fixture's certificate, and builders for the
/// AdmissionReview requests the API server sends (the JSON of the Kubernetes documentation).</summary>
public sealed class WebhookClient : IDisposable
{
    private readonly HttpClient _http;

    public WebhookClient(Uri address, X509Certificate2 trusted)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(trusted.RawData),
        };
        _http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
    }

    public HttpClient Http => _http;

    /// <summary>Posts <paramref name="review"/> to /validate and returns the response object of the answer.</summary>
    public async Task<JsonNode> ValidateAsync(JsonObject review)
    {
        using var response = await _http.PostAsync("/validate", JsonContent.Create(review));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var answer = JsonNode.Parse(body)!;
        Assert.Equal("admission.k8s.io/v1", (string?)answer["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)answer["kind"]);
        Assert.Equal((string?)review["request"]!["uid"], (string?)answer["response"]!["uid"]);
        return answer["response"]!;
    }

    /// <summary>A CREATE review of <paramref name="obj"/> (group/version/kind as the API server fills them).</summary>
    public static JsonObject Review(string group, string version, string kind, string resource, JsonObject obj, string operation = "CREATE")
    {
        var name = (string?)obj["metadata"]?["name"];
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = Guid.NewGuid().ToString(),
                ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["requestKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
                ["requestResource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
                ["name"] = name,
                ["namespace"] = "team-a",
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "admin", ["uid"] = "014fbff9a07c", ["groups"] = new JsonArray("system:authenticated") },
                ["object"] = obj,
                ["oldObject"] = null,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
                ["dryRun"] = false,
            },
        };
    }

    /// <summary>A Pod review running <paramref name="images"/> as its containers.</summary>
    public static JsonObject PodReview(params string[] images)
        => Review("", "v1", "Pod", "pods", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "team-a" },
            ["spec"] = PodSpec(images),
        });

    /// <summary>A pod spec with one container per image (named c0, c1, ...), and optional init and ephemeral containers.</summary>
    public static JsonObject PodSpec(string[] images, string[]? init = null, string[]? ephemeral = null)
    {
        var spec = new JsonObject { ["containers"] = Containers("c", images), ["restartPolicy"] = "Always" };
        if (init is not null)
        {
            spec["initContainers"] = Containers("init", init);
        }

        if (ephemeral is not null)
        {
            spec["ephemeralContainers"] = Containers("debug", ephemeral);
        }

        return spec;
    }

    private static JsonArray Containers(string prefix, string[] images)
        => new([.. images.Select((image, i) => (JsonNode)new JsonObject { ["name"] = $"{prefix}{i}", ["image"] = image, ["imagePullPolicy"] = "IfNotPresent" })]);

    /// <summary>The text of a GET.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The value of a metric line (<c>name{labels} value</c>) in /metrics.</summary>
    public async Task<double> MetricAsync(string series)
    {
        var (_, body) = await GetAsync("/metrics");
        var line = body.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no {series} in /metrics:\n{body}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The audit lines of a file.</summary>
    public static IReadOnlyList<JsonNode> AuditLines(string path)
        => [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)];

    internal static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
