using System.Text.RegularExpressions;

namespace Drydock.Detection.Misconfigurations;

/// <summary>CIS 4.7: a build step refreshes the package index without installing in the same step, so a cached layer
/// can pair an old index with later installs.</summary>
public sealed partial class UpdateAloneCheck : ImageCheck
{
    public override string Id => "update-alone";
    public override string? Cis => "4.7";
    public override string Severity => "low";
    public override string Title => "Package index update in a build step of its own";
    public override string Fix => "Update and install in one RUN instruction (apt-get update && apt-get install -y ...), or use apk add --no-cache";

    protected override IReadOnlyList<string>? Find(ImageCheckInput input)
        => HistorySteps.Failing(input.Image.Config, command => Update().IsMatch(command) && !Install().IsMatch(command));

    [GeneratedRegex(@"\b(?:apt-get|apt|aptitude|apk|yum|dnf|microdnf|zypper)\s+(?:-\S+\s+)*(?:update|makecache|refresh)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Update();

    [GeneratedRegex(@"\b(?:install|upgrade|dist-upgrade|add)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Install();
}
