namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.1: the container's default user is root (no <c>USER</c>, or <c>USER root</c> / <c>0</c>).</summary>
public sealed class RootUserCheck : ImageCheck
{
    public override string Id => "root-user";
    public override string? Cis => "4.1";
    public override string Severity => "high";
    public override string Title => "Image runs as root";
    public override string Fix => "Create an unprivileged user in the image and switch to it with USER (for example USER 10001:10001)";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var user = input.Image.Config?.Config?.User?.Trim();
        if (string.IsNullOrEmpty(user))
        {
            return ["no USER: the container runs as root (uid 0)"];
        }

        var name = user.Split(':', 2)[0];
        return name is "root" or "0" ? [$"USER {user}"] : null;
    }
}
