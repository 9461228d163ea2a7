namespace Drydock.Analysis.Packages;

/// <summary>Counts the problems found in one file by kind, so that a file full of garbage yields one warning per
/// kind (with a count and the first line) instead of one per line.</summary>
public sealed class ProblemTally
{
    private readonly SortedDictionary<string, (int Count, int FirstLine, string Message)> _problems = new(StringComparer.Ordinal);

    /// <summary>True when nothing was recorded.</summary>
    public bool IsEmpty => _problems.Count == 0;

    /// <summary>Records one problem of kind <paramref name="code"/> at <paramref name="line"/> (1-based; 0 when unknown).</summary>
    public void Add(string code, int line, string message)
    {
        _problems[code] = _problems.TryGetValue(code, out var seen) ? (seen.Count + 1, seen.FirstLine, seen.Message) : (1, line, message);
    }

    /// <summary>Turns the tally into warnings on <paramref name="result"/>.</summary>
    public void Report(LayerResultBuilder result, string path)
    {
        foreach (var (code, (count, line, message)) in _problems)
        {
            var where = line > 0 ? $" (first at line {line})" : "";
            var times = count > 1 ? $"{count} times: " : "";
            result.Warn(new Diagnostic(code, $"{times}{message}{where}", path));
        }
    }
}
