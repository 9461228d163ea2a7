using System.Text;
using Drydock.Analysis.Content;
using Drydock.Layers;

namespace Drydock.Analysis.Scripts;

/// <summary>Reads small text files where a script runs or persists (crontabs, boot and login files, container
/// entrypoints, npm install files) and any small file starting with <c>#!</c>, and records what
/// <see cref="ScriptClassifier"/> finds in them as <see cref="ContentFinding"/>s: coin-miner command lines and
/// downloads, downloads piped into a shell, decode-and-execute, environment exfiltration, download-and-run.
/// Every script it reads is recorded with its SHA-256 (an <see cref="ExecutableRecord"/> of format
/// <see cref="ExecutableFormat.Script"/>), matched or not, so that hash lists see scripts as they see binaries.</summary>
public sealed class ScriptContentAnalyzer : IAnalyzer, IContentFilter
{
    /// <summary>Largest file read as a script; bigger files are not scripts worth judging line by line.</summary>
    public const int MaxScriptBytes = 256 * 1024;

    /// <summary>Most evidence lines kept per rule and file.</summary>
    public const int MaxEvidence = 5;

    public string Id => "script-content";

    public int Version => 2;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size is > 2 and <= MaxScriptBytes ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public bool WantsContent(in EntryInfo entry, ReadOnlySpan<byte> head) => ContextOf(entry.Path, head) is not null;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var content = input.Content;
        if (ContextOf(input.Entry.Path, content) is not { } context || content.IndexOf((byte)0) >= 0)
        {
            return; // binary content is not a script
        }

        var sha256 = input.Sha256Hex();
        result.AddExecutable(new ExecutableRecord { Path = input.Entry.Path, Sha256 = sha256, Format = ExecutableFormat.Script, Size = content.Length });
        var text = Encoding.UTF8.GetString(content);
        var matches = ScriptClassifier.Classify(text, context);
        if (matches.Count == 0)
        {
            return;
        }

        foreach (var rule in matches.GroupBy(m => m.RuleId))
        {
            var first = rule.First();
            result.AddContentFinding(new ContentFinding
            {
                Path = input.Entry.Path,
                RuleId = rule.Key,
                Category = first.Category,
                Confidence = rule.Max(m => m.Confidence),
                Title = $"{first.Title} ({Describe(context)})",
                Sha256 = sha256,
                Evidence = [.. rule.Take(MaxEvidence).Select(m => new FindingEvidence("line", m.Text, Encoding.UTF8.GetByteCount(text.AsSpan(0, m.CharOffset)), m.Line))],
            });
        }
    }

    /// <summary>The context a file is judged in, or null when it is not read as a script.</summary>
    public static ScriptContext? ContextOf(string path, ReadOnlySpan<byte> head)
        => ScriptLocations.ByPath(path) ?? (head.StartsWith("#!"u8) ? ScriptContext.Script : null);

    private static string Describe(ScriptContext context) => context switch
    {
        ScriptContext.Cron => "in a crontab",
        ScriptContext.Startup => "in a boot or login file",
        ScriptContext.Entrypoint => "in an entrypoint script",
        ScriptContext.NpmInstallFile => "in an npm install file",
        _ => "in a script",
    };
}
