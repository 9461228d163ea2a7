using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.UserRules.Clamd;

/// <summary>Sends every non-empty regular file to a ClamAV daemon (<c>--clamd</c>) in the layer pass. A detection
/// becomes a <see cref="ContentFinding"/> with rule id <c>clamd/SIGNATURE</c>, high confidence, and the category the
/// signature name points to (<see cref="UserRuleCategory.FromSignatureName"/>). The daemon's <c>VERSION</c> reply
/// joins the cache key when it names a database version; when it does not (only local signature files loaded, whose
/// changes no version shows), layer results bypass the cache.</summary>
public sealed class ClamdAnalyzer(ClamdClient client, string version) : IConfiguredAnalyzer
{
    /// <inheritdoc/>
    public string Id => "clamd";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public string? ConfigurationKey => HasDatabaseVersion(version) ? version : null;

    /// <summary>True when a <c>VERSION</c> reply carries a database version (<c>ClamAV 1.4.6/27450/date</c>).</summary>
    public static bool HasDatabaseVersion(string version) => version.Split('/').Length >= 3;

    /// <inheritdoc/>
    public AnalyzerNeed Required(in EntryInfo entry) => entry.IsFile && entry.Size > 0 ? AnalyzerNeed.Content : AnalyzerNeed.None;

    /// <inheritdoc/>
    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var reply = client.Scan(input.Content);
        switch (reply.Outcome)
        {
            case ClamdOutcome.Found:
                result.AddContentFinding(new ContentFinding
                {
                    Path = input.Entry.Path,
                    RuleId = UserRuleIds.Clamd + reply.Text,
                    Category = UserRuleCategory.FromSignatureName(reply.Text),
                    Confidence = Confidence.High,
                    Title = $"ClamAV signature {reply.Text}",
                    Sha256 = input.Sha256Hex(),
                    Evidence = [new FindingEvidence("signature", reply.Text)],
                });
                break;
            case ClamdOutcome.TooLarge:
                result.Warn(new Diagnostic("clamd-size-limit", $"{input.Content.Length}-byte file not scanned by clamd: over its StreamMaxLength", input.Entry.Path));
                break;
            case ClamdOutcome.Failed:
                result.Warn(new Diagnostic("clamd-failed", $"clamd could not scan the file: {reply.Text}", input.Entry.Path));
                break;
        }
    }
}
