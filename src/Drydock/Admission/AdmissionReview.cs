using System.Text.Json;

namespace Drydock.Admission;

/// <summary>An <c>admission.k8s.io/v1</c> AdmissionReview: the API server sends <see cref="Request"/>, the webhook answers
/// with <see cref="Response"/> (fields the webhook does not read are not modelled and are ignored).</summary>
public sealed record AdmissionReview
{
    /// <summary>The only version served.</summary>
    public const string Version = "admission.k8s.io/v1";

    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public AdmissionRequest? Request { get; init; }

    public AdmissionResponse? Response { get; init; }

    /// <summary>The review that carries <paramref name="response"/>.</summary>
    public static AdmissionReview Answer(AdmissionResponse response) => new() { ApiVersion = Version, Kind = "AdmissionReview", Response = response };
}

/// <summary>What the API server asks about: the operation, the object and where it lives.</summary>
public sealed record AdmissionRequest
{
    public required string Uid { get; init; }

    /// <summary>The type of <see cref="Object"/> (for example v1 Pod, apps/v1 Deployment, autoscaling/v1 Scale).</summary>
    public GroupVersionKind? Kind { get; init; }

    public GroupVersionResource? Resource { get; init; }

    public string? SubResource { get; init; }

    /// <summary>The object's name; empty on CREATE when the name is generated.</summary>
    public string? Name { get; init; }

    public string? Namespace { get; init; }

    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; init; }

    /// <summary>The object as it would be stored; absent for DELETE.</summary>
    public JsonElement? Object { get; init; }

    public bool? DryRun { get; init; }
}

/// <summary>A Kubernetes group, version and kind.</summary>
public sealed record GroupVersionKind(string? Group, string? Version, string? Kind);

/// <summary>A Kubernetes group, version and resource.</summary>
public sealed record GroupVersionResource(string? Group, string? Version, string? Resource);

/// <summary>The webhook's answer: the request's uid, allowed or not, and why.</summary>
public sealed record AdmissionResponse
{
    public required string Uid { get; init; }

    public required bool Allowed { get; init; }

    /// <summary>Shown to the user on a denial (code and message).</summary>
    public AdmissionStatus? Status { get; init; }

    /// <summary>Warnings kubectl prints, also on an admission (fail-open).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The status of a denial, as <c>metav1.Status</c> spells it (code and message only).</summary>
public sealed record AdmissionStatus(int Code, string Message);
