using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.Secrets;

/// <summary>Finds secrets (private keys, cloud credentials, tokens, passwords in connection strings) in the text files
/// of a layer. Binary files are turned down from their first bytes; fixtures and documentation are skipped by path
/// (<see cref="SecretAllowList"/>). Only masked text is recorded.</summary>
public sealed class SecretsAnalyzer : IAnalyzer, IContentFilter
{
    /// <summary>Most secrets recorded for one file; a file with more gets a warning.</summary>
    public const int MaxPerFile = 50;

    // No rule matches fewer bytes than this (an AWS key id is 20).
    private const int MinSize = 16;

    private readonly SecretScanner _scanner;

    /// <summary>An analyzer over <see cref="SecretRules.All"/>.</summary>
    public SecretsAnalyzer() : this(SecretScanner.Default)
    {
    }

    /// <summary>An analyzer over the given scanner's rules.</summary>
    public SecretsAnalyzer(SecretScanner scanner) => _scanner = scanner;

    public string Id => "secrets";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size >= MinSize && !SecretAllowList.IsAllowedPath(entry.Path) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    /// <summary>Text only: a NUL byte among the first bytes marks a binary file (ELF, archives, compressed data, UTF-16).</summary>
    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => !head.Contains((byte)0);

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var content = input.Content;
        var matches = new List<SecretMatch>();
        switch (_scanner.Scan(content, matches, MaxPerFile))
        {
            case ScanStop.Limit:
                result.Warn(new Diagnostic("secrets-capped", $"more than {MaxPerFile} secrets in one file; the rest are not listed", input.Entry.Path));
                break;
            case ScanStop.Budget:
                result.Warn(new Diagnostic("secrets-capped", "too many secret keywords that match no rule; the rest of the file was not searched", input.Entry.Path));
                break;
        }

        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        var line = 1;
        var counted = 0;
        foreach (var m in matches)
        {
            line += content[counted..m.Start].Count((byte)'\n');
            counted = m.Start;
            result.AddSecret(new SecretFinding
            {
                Path = input.Entry.Path,
                RuleId = m.Rule.Id,
                Category = m.Rule.Category,
                Severity = m.Rule.Severity,
                Title = m.Rule.Title,
                Line = line,
                Offset = m.Start,
                Match = SecretMasker.MaskedLine(content, m, matches),
            });
        }
    }
}
