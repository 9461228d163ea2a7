using System.Text.Json;

namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.6: the image declares no <c>HEALTHCHECK</c> (or disables it with <c>HEALTHCHECK NONE</c>).</summary>
public sealed class HealthcheckCheck : ImageCheck
{
    public override string Id => "no-healthcheck";
    public override string? Cis => "4.6";
    public override string Severity => "low";
    public override string Title => "No HEALTHCHECK instruction";
    public override string Fix => "Add a HEALTHCHECK that probes the service (HEALTHCHECK CMD curl -f http://localhost/ || exit 1), so the runtime can see and replace an unhealthy container";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        if (input.Image.Config?.Config?.Healthcheck is not { ValueKind: JsonValueKind.Object } healthcheck
            || !healthcheck.TryGetProperty("Test", out var test) || test.ValueKind != JsonValueKind.Array || test.GetArrayLength() == 0)
        {
            return ["the image configuration has no Healthcheck"];
        }

        return test[0].ValueKind == JsonValueKind.String && test[0].GetString() == "NONE" ? ["HEALTHCHECK NONE"] : null;
    }
}
