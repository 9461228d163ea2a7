using System.Text;
using Drydock.Layers;

namespace Drydock.Analysis.Packages.Ruby;

/// <summary>Installed gems from <c>specifications/*.gemspec</c> (and <c>specifications/default/</c>). The Ruby is not
/// evaluated: the assignments RubyGems writes into installed specs (<c>s.name = "x".freeze</c>, <c>s.version = "1.2"</c>
/// or <c>Gem::Version.new("1.2")</c>, <c>s.license(s) = …</c>) are read line by line, only on the block variable.</summary>
public sealed class GemspecAnalyzer : IAnalyzer
{
    private const int MaxGemspecBytes = 4 * 1024 * 1024;

    public string Id => "ruby-gemspec";

    public int Version => 1;

    public AnalyzerNeed Required(in EntryInfo entry)
        => entry.Kind == EntryKind.File && entry.Size <= MaxGemspecBytes && entry.Path.EndsWith(".gemspec", StringComparison.Ordinal)
            && (entry.Path.Contains("specifications/", StringComparison.Ordinal)) ? AnalyzerNeed.Content : AnalyzerNeed.None;

    public void Analyze(in AnalyzerInput input, LayerResultBuilder result)
    {
        var path = input.Entry.Path;
        var text = Encoding.UTF8.GetString(input.Content);
        string? variable = null, name = null, version = null;
        var licenses = new List<string>();
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (variable is null)
            {
                var open = line.IndexOf("Gem::Specification.new", StringComparison.Ordinal);
                var bar = line.IndexOf('|');
                if (open >= 0 && bar > open && line[(bar + 1)..].IndexOf('|') is var close and > 0)
                {
                    variable = line.Slice(bar + 1, close).Trim().ToString();
                }

                continue;
            }

            if (!line.StartsWith(variable, StringComparison.Ordinal) || line.Length <= variable.Length || line[variable.Length] != '.')
            {
                continue;
            }

            var assignment = line[(variable.Length + 1)..];
            var eq = assignment.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var attribute = assignment[..eq].Trim();
            var value = assignment[(eq + 1)..];
            switch (attribute)
            {
                case "name":
                    name ??= Strings(value).FirstOrDefault();
                    break;
                case "version":
                    version ??= Strings(value).FirstOrDefault();
                    break;
                case "license" or "licenses":
                    licenses.AddRange(Strings(value).Where(l => l.Length > 0 && licenses.Count < LanguageJson.MaxLicenses));
                    break;
            }
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            result.Warn(new Diagnostic("gemspec-missing-name-or-version", "gemspec has no name or no version assigned on its block variable; not recorded", path));
            return;
        }

        result.AddPackage(new PackageRecord
        {
            Type = PackageTypes.Gem,
            Name = name,
            Version = version,
            Licenses = [.. licenses.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            SourcePath = path,
        });
    }

    // The double- or single-quoted literals of an expression, up to a comment: "a".freeze, ["a", "b"], Gem::Version.new("1").
    private static List<string> Strings(ReadOnlySpan<char> expression)
    {
        var found = new List<string>();
        var i = 0;
        while (i < expression.Length && found.Count < LanguageJson.MaxLicenses)
        {
            var c = expression[i];
            if (c == '#')
            {
                break;
            }

            if (c is '"' or '\'')
            {
                var close = expression[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    break;
                }

                var literal = expression.Slice(i + 1, close);
                found.Add((literal.Length > LanguageJson.MaxValueLength ? literal[..LanguageJson.MaxValueLength] : literal).ToString());
                i += close + 2;
                continue;
            }

            i++;
        }

        return found;
    }
}
