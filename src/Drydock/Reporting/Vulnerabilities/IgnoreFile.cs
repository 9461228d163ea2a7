using System.Globalization;

namespace Drydock.Reporting.Vulnerabilities;

/// <summary>A <c>.drydockignore</c> file: one vulnerability id per line (CVE, GHSA, DSA, …; any alias matches),
/// optionally <c>exp:YYYY-MM-DD</c> after it (the entry stops applying after that day) and a <c># reason</c>.</summary>
public sealed class IgnoreFile
{
    /// <summary>One rule.</summary>
    public sealed record Rule(string Id, DateOnly? Expires, string? Reason, int Line);

    private readonly Dictionary<string, Rule> _rules;

    private IgnoreFile(Dictionary<string, Rule> rules) => _rules = rules;

    /// <summary>The rules by id.</summary>
    public IReadOnlyDictionary<string, Rule> Rules => _rules;

    /// <summary>Reads the file; a malformed line is an error naming the line.</summary>
    public static IgnoreFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new DrydockInputException($"--ignore-file {path}: no such file");
        }

        return Parse(File.ReadAllLines(path), path);
    }

    /// <summary>Parses ignore-file lines.</summary>
    public static IgnoreFile Parse(IEnumerable<string> lines, string name)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var hash = raw.IndexOf('#');
            var reason = hash >= 0 ? raw[(hash + 1)..].Trim() : null;
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            DateOnly? expires = null;
            foreach (var part in parts.Skip(1))
            {
                if (part.StartsWith("exp:", StringComparison.OrdinalIgnoreCase)
                    && DateOnly.TryParseExact(part[4..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    expires = date;
                }
                else
                {
                    throw new DrydockInputException($"{name}:{number}: expected 'ID [exp:YYYY-MM-DD] [# reason]', found '{part}'");
                }
            }

            rules[parts[0]] = new Rule(parts[0], expires, string.IsNullOrEmpty(reason) ? null : reason, number);
        }

        return new IgnoreFile(rules);
    }

    /// <summary>The rule that suppresses a finding with these ids on <paramref name="today"/>, or null.</summary>
    public Rule? Match(IEnumerable<string> ids, DateOnly today)
        => ids.Select(id => _rules.GetValueOrDefault(id)).FirstOrDefault(r => r is not null && (r.Expires is null || r.Expires >= today));
}
