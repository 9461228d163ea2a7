using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.UserRules.Ioc;

/// <summary>Hashes every regular file (only when an <c>--ioc-file</c> is given) and reports those whose SHA-256 the
/// list holds as <see cref="ThreatCategory.KnownBadHash"/>; the list's digest joins the cache key.</summary>
public sealed class IocAnalyzer(IocList list) : IConfiguredAnalyzer, IDigestConsumer
{
    /// <inheritdoc/>
    public string Id => "ioc";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public string? ConfigurationKey => list.Digest;

    /// <inheritdoc/>
    public AnalyzerNeed Required(in EntryInfo entry) => entry.IsFile ? AnalyzerNeed.Content : AnalyzerNeed.None;

    /// <inheritdoc/>
    public bool HashesContent(in EntryInfo entry, ReadOnlySpan<byte> head) => true;

    /// <inheritdoc/>
    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var hex = input.Sha256Hex();
        if (!list.TryGet(hex, out var name))
        {
            return;
        }

        result.AddContentFinding(new ContentFinding
        {
            Path = input.Entry.Path,
            RuleId = UserRuleIds.Ioc + "sha256",
            Category = ThreatCategory.KnownBadHash,
            Confidence = Confidence.High,
            Title = name is null ? "SHA-256 listed in the IOC file" : $"SHA-256 listed in the IOC file as {name}",
            Sha256 = hex,
            Evidence = [new FindingEvidence("hash", name is null ? "sha256:" + hex : $"sha256:{hex} ({name})")],
        });
    }
}
