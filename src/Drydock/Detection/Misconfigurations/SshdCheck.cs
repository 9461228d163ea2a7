namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 5.6 (sshd is not run within containers): the OpenSSH server is installed.</summary>
public sealed class SshdCheck : ImageCheck
{
    public override string Id => "sshd-present";
    public override string? Cis => "5.6";
    public override string Severity => "medium";
    public override string Title => "SSH server (sshd) is installed";
    public override string Fix => "Remove openssh-server; use docker exec / kubectl exec for access, and keep one service per container";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
        => MergedFiles.FirstPresent(input.Image.Merged, "usr/sbin/sshd", "sbin/sshd", "usr/local/sbin/sshd") is { } path ? [path] : null;
}
