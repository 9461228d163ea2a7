using System.Text;

namespace Drydock.Analysis.Content.Signatures;

/// <summary>Runs a rule set over one file: the <see cref="AnchorMatcher"/> finds every anchor of every rule in one
/// pass, then only the rules whose anchors occurred verify them (around each occurrence) and check the file.
/// Immutable after construction and safe to share between threads.</summary>
public sealed class SignatureScanner
{
    /// <summary>Most evidence items kept per finding.</summary>
    public const int MaxEvidence = 8;

    private const int MaxEvidenceText = 120;
    private const int HitsPerAnchor = 16;

    private readonly IReadOnlyList<SignatureRule> _rules;
    private readonly AnchorMatcher _matcher;
    private readonly Anchor[] _anchors;
    private readonly (int Rule, int Group)[][] _uses;

    /// <summary>Builds the matcher over the anchors of <paramref name="rules"/>.</summary>
    public SignatureScanner(IReadOnlyList<SignatureRule> rules)
    {
        _rules = rules;
        var ids = new Dictionary<Anchor, int>();
        var uses = new List<List<(int, int)>>();
        for (var r = 0; r < rules.Count; r++)
        {
            for (var g = 0; g < rules[r].Groups.Count; g++)
            {
                foreach (var anchor in rules[r].Groups[g].Anchors)
                {
                    if (!ids.TryGetValue(anchor, out var id))
                    {
                        ids[anchor] = id = ids.Count;
                        uses.Add([]);
                    }

                    if (!uses[id].Contains((r, g)))
                    {
                        uses[id].Add((r, g));
                    }
                }
            }
        }

        _anchors = [.. ids.OrderBy(kv => kv.Value).Select(kv => kv.Key)];
        _uses = [.. uses.Select(u => u.ToArray())];
        _matcher = new AnchorMatcher(_anchors);
    }

    /// <summary>The default rule set's scanner.</summary>
    public static SignatureScanner Default { get; } = new(SignatureRules.All);

    /// <summary>The distinct anchors the matcher looks for.</summary>
    public IReadOnlyList<Anchor> Anchors => _anchors;

    /// <summary>The matcher, for benchmarks.</summary>
    public AnchorMatcher Matcher => _matcher;

    /// <summary>The findings of the rules that hold for the file at <paramref name="path"/> (without SHA-256: the
    /// caller hashes the file once), ordered by rule id; null when none holds.</summary>
    public List<ContentFinding>? Scan(string path, ReadOnlySpan<byte> content)
    {
        var hits = _matcher.Find(content, HitsPerAnchor);
        if (hits is null)
        {
            return null;
        }

        var kind = FileKindClassifier.Classify(path, content[..Math.Min(content.Length, LayerAnalysisRunner.HeadSize)]);
        var matches = new Dictionary<int, List<MatchedAnchor>>();
        foreach (var hit in hits)
        {
            foreach (var (r, g) in _uses[hit.Anchor])
            {
                var rule = _rules[r];
                if (!Applies(rule, kind))
                {
                    continue;
                }

                var length = _matcher.LengthOf(hit.Anchor);
                if (rule.Groups[g].Verify is { } verify && (length = verify(content, hit.Offset, length)) < 0)
                {
                    continue;
                }

                if (!matches.TryGetValue(r, out var list))
                {
                    matches[r] = list = [];
                }

                list.Add(new MatchedAnchor(g, _anchors[hit.Anchor], hit.Offset, length));
            }
        }

        List<ContentFinding>? findings = null;
        foreach (var (r, list) in matches.OrderBy(kv => _rules[kv.Key].Id, StringComparer.Ordinal))
        {
            if (Evaluate(_rules[r], path, kind, content, list) is { } finding)
            {
                (findings ??= []).Add(finding);
            }
        }

        if (findings is not null)
        {
            RaiseWalletConfidence(findings, kind);
        }

        return findings;
    }

    private static bool Applies(SignatureRule rule, FileKinds kind)
        => (rule.AppliesTo & kind) != 0 || (kind == FileKinds.Document && rule.InDocuments is not null);

    private static ContentFinding? Evaluate(SignatureRule rule, string path, FileKinds kind, ReadOnlySpan<byte> content, List<MatchedAnchor> matches)
    {
        for (var g = 0; g < rule.Groups.Count; g++)
        {
            var distinct = matches.Where(m => m.Group == g).Select(m => m.Anchor).Distinct().Count();
            if (distinct < rule.Groups[g].Min)
            {
                return null;
            }
        }

        var result = CheckResult.Accept;
        if (rule.Check is { } check && (result = check(content, new RuleMatch(path, kind, matches))) is null)
        {
            return null;
        }

        var confidence = result.Confidence ?? rule.Confidence;
        if (kind == FileKinds.Document && (rule.AppliesTo & FileKinds.Document) == 0)
        {
            // Documentation that names a tool or quotes a pool URL is at most what the rule allows there.
            confidence = (Confidence)Math.Min((int)confidence, (int)rule.InDocuments!.Value);
        }

        return new ContentFinding
        {
            Path = path,
            RuleId = rule.Id,
            Category = rule.Category,
            Confidence = confidence,
            Title = result.Title ?? rule.Title,
            Evidence = [.. (result.Evidence ?? AnchorEvidence(content, matches)).Take(MaxEvidence)],
        };
    }

    // The first confirmed occurrence of each different anchor, as the file spells it: the first group (the tool's
    // name) first.
    private static IEnumerable<FindingEvidence> AnchorEvidence(ReadOnlySpan<byte> content, List<MatchedAnchor> matches)
    {
        var evidence = new List<FindingEvidence>();
        var seen = new HashSet<Anchor>();
        foreach (var m in matches.OrderBy(m => m.Group).ThenBy(m => m.Offset))
        {
            if (seen.Add(m.Anchor))
            {
                evidence.Add(new FindingEvidence("string", Text(content.Slice(m.Offset, m.Length), m.Anchor), m.Offset));
            }
        }

        return evidence;
    }

    private static string Text(ReadOnlySpan<byte> bytes, Anchor anchor)
    {
        if (anchor.Text.Contains('\0', StringComparison.Ordinal))
        {
            return anchor.Display;
        }

        var text = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, MaxEvidenceText)]);
        return bytes.Length > MaxEvidenceText ? text + "…" : text;
    }

    // A wallet next to a pool URL, a pool domain, a miner configuration or a miner binary is a miner's wallet.
    private static void RaiseWalletConfidence(List<ContentFinding> findings, FileKinds kind)
    {
        if (kind == FileKinds.Document)
        {
            return;
        }

        var i = findings.FindIndex(f => f.RuleId == SignatureRules.WalletRuleId);
        if (i >= 0 && findings.Any(f => f.RuleId != SignatureRules.WalletRuleId && f.Category == ThreatCategory.CoinMiner && f.Confidence >= Confidence.Medium))
        {
            findings[i] = findings[i] with { Confidence = Confidence.High };
        }
    }
}
