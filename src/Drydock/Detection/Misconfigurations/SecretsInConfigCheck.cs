using Drydock.Detection.Secrets;

namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.10: secrets stored in the image configuration (ENV, LABEL, or build arguments the history records).
/// The evidence points to the entries of the <c>secrets</c> section; values are never shown.</summary>
public sealed class SecretsInConfigCheck : ImageCheck
{
    public override string Id => "secret-in-config";
    public override string? Cis => "4.10";
    public override string Severity => "critical";
    public override string Title => "Secrets in the image configuration (ENV, LABEL, build arguments)";
    public override string Fix => "Rotate the secret; pass secrets at run time (environment files, orchestrator secrets) or at build time with RUN --mount=type=secret, never with ENV, ARG or LABEL";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var found = ConfigSecrets.Find(input.Image.Config, input.Image.DiffIds).Select(f => $"{f.Location}: {f.RuleId} (see secrets)").Distinct().ToList();
        return found.Count > 0 ? found : null;
    }
}
