using System.Text.Json.Serialization;

namespace Drydock.Admission;

/// <summary>Source-generated JSON for AdmissionReview and the audit log (camelCase as Kubernetes spells it; nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(AuditRecord))]
public sealed partial class AdmissionJsonContext : JsonSerializerContext;
