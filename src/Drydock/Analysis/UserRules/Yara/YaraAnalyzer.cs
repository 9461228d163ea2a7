using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.UserRules.Yara;

/// <summary>Runs the user's YARA rules over every regular file's content in the layer pass. A match becomes a
/// <see cref="ContentFinding"/> with rule id <c>yara/NAMESPACE/RULE</c>; its category comes from the rule's
/// <c>category</c> meta (<see cref="UserRuleCategory.FromMeta"/>), its confidence from the <c>confidence</c> meta
/// (high, medium or low; medium when absent), its title from <c>description</c>. The compiled rules' digest joins the
/// cache key. The caller owns and disposes the <see cref="YaraRuleSet"/>.</summary>
public sealed class YaraAnalyzer(YaraRuleSet rules) : IConfiguredAnalyzer
{
    /// <summary>The confidence of a rule without a valid <c>confidence</c> meta.</summary>
    public const Confidence DefaultConfidence = Confidence.Medium;

    /// <inheritdoc/>
    public string Id => "yara";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public string? ConfigurationKey => rules.Digest;

    /// <inheritdoc/>
    public AnalyzerNeed Required(in EntryInfo entry) => entry.IsFile ? AnalyzerNeed.Content : AnalyzerNeed.None;

    /// <inheritdoc/>
    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var (matches, error) = rules.Scan(input.Content);
        if (error != 0)
        {
            result.Warn(new Diagnostic("yara-scan-failed", $"YARA could not finish the file: {YaraNative.Describe(error)}", input.Entry.Path));
        }

        if (matches.Count == 0)
        {
            return;
        }

        var sha256 = input.Sha256Hex();
        foreach (var match in matches)
        {
            result.AddContentFinding(new ContentFinding
            {
                Path = input.Entry.Path,
                RuleId = $"{UserRuleIds.Yara}{match.Namespace}/{match.Rule}",
                Category = UserRuleCategory.FromMeta(match.Metas.GetValueOrDefault("category")),
                Confidence = ConfidenceOf(match.Metas.GetValueOrDefault("confidence")),
                Title = match.Metas.GetValueOrDefault("description") is { Length: > 0 } description
                    ? description
                    : $"YARA rule {match.Namespace}/{match.Rule} matched",
                Sha256 = sha256,
                Evidence = match.Strings,
            });
        }
    }

    private static Confidence ConfidenceOf(string? meta) => meta?.Trim().ToLowerInvariant() switch
    {
        "high" => Confidence.High,
        "medium" => Confidence.Medium,
        "low" => Confidence.Low,
        _ => DefaultConfidence,
    };
}
