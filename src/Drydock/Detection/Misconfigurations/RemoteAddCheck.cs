using System.Text.RegularExpressions;

namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.9: a build step used <c>ADD</c> with an http(s) URL (fetched unverified at build time), as the history records.</summary>
public sealed partial class RemoteAddCheck : ImageCheck
{
    public override string Id => "remote-add";
    public override string? Cis => "4.9";
    public override string Severity => "medium";
    public override string Title => "ADD fetches a remote URL";
    public override string Fix => "Use COPY for local files; download remote files in a RUN step that verifies a checksum or signature (or ADD --checksum=sha256:...)";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input) => HistorySteps.Failing(input.Image.Config, RemoteAdd().IsMatch);

    [GeneratedRegex(@"(?:^|[\s)])ADD\s+(?:--\S+\s+)*[""\[]*\s*""?https?://", RegexOptions.CultureInvariant)]
    private static partial Regex RemoteAdd();
}
