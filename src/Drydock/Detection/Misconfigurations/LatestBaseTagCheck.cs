using System.Text.RegularExpressions;

namespace Drydock.Detection.Misconfigurations;

/// <summary>The base image was named by the <c>latest</c> tag (or by no tag), where the history or the
/// <c>org.opencontainers.image.base.name</c> label records it: rebuilds then take whatever the tag points to.</summary>
public sealed partial class LatestBaseTagCheck : ImageCheck
{
    private const string BaseNameLabel = "org.opencontainers.image.base.name";

    public override string Id => "latest-base-tag";
    public override string Severity => "low";
    public override string Title => "Base image named by the latest tag";
    public override string Fix => "Pin the base image to a version tag, better to a digest (FROM debian:12.8-slim@sha256:...)";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
    {
        var evidence = new List<string>();
        foreach (var (index, command) in HistorySteps.Of(input.Image.Config))
        {
            foreach (Match m in From().Matches(command))
            {
                if (IsLatest(m.Groups["ref"].Value))
                {
                    evidence.Add(HistorySteps.Describe(index, command));
                    break;
                }
            }
        }

        if (input.Image.Config?.Config?.Labels?.GetValueOrDefault(BaseNameLabel) is { } baseName && IsLatest(baseName))
        {
            evidence.Add($"Label {BaseNameLabel}={baseName}");
        }

        return evidence.Count > 0 ? evidence : null;
    }

    /// <summary>True for a reference without a digest whose tag is <c>latest</c> or absent (<c>scratch</c> is no image).</summary>
    public static bool IsLatest(string reference)
    {
        if (reference.Contains('@') || reference.Contains('$') || reference == "scratch")
        {
            return false;
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon <= slash || reference[(colon + 1)..] == "latest";
    }

    [GeneratedRegex(@"(?:^|\s)FROM\s+(?:--platform=\S+\s+)?(?<ref>[A-Za-z0-9][^\s]*)", RegexOptions.CultureInvariant)]
    private static partial Regex From();
}
