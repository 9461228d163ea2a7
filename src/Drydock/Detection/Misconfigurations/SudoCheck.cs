namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.3 (no unnecessary packages): <c>sudo</c> is installed, a privilege-escalation path a container does not need.</summary>
public sealed class SudoCheck : ImageCheck
{
    public override string Id => "sudo-present";
    public override string? Cis => "4.3";
    public override string Severity => "medium";
    public override string Title => "sudo is installed";
    public override string Fix => "Remove sudo; run the container as the user it needs, and do privileged setup at build time";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var merged = input.Image.Merged;
        var path = MergedFiles.FirstPresent(merged, "usr/bin/sudo", "bin/sudo", "usr/local/bin/sudo");
        if (path is null)
        {
            return null;
        }

        var bits = merged.TryResolve(path[1..], out var resolved, out _) && merged.TryGet(resolved, out var file) && (file.Record.IsSetUid || file.Record.IsSetGid)
            ? $" ({MergedFiles.SpecialBits(file.Record)})"
            : string.Empty;
        return [path + bits];
    }
}
