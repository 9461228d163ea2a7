namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 5.6 (no SSH into containers): the image exposes port 22.</summary>
public sealed class SshPortCheck : ImageCheck
{
    public override string Id => "ssh-port-exposed";
    public override string? Cis => "5.6";
    public override string Severity => "medium";
    public override string Title => "SSH port 22 is exposed";
    public override string Fix => "Remove EXPOSE 22; reach the container through the runtime (docker exec, kubectl exec) instead of SSH";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var ports = input.Image.Config?.Config?.ExposedPorts?.Keys.Where(p => p is "22" or "22/tcp").Order(StringComparer.Ordinal).ToList() ?? [];
        return ports.Count > 0 ? [.. ports.Select(p => "EXPOSE " + p)] : null;
    }
}
