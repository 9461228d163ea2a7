using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Drydock.Versions;

/// <summary>
/// An npm version range with node-semver's semantics: sets joined by <c>||</c>, each a list of comparators that must
/// all hold; hyphen ranges (<c>1.2 - 2.3.4</c>), x-ranges (<c>1.x</c>, <c>*</c>, <c>1.2</c>), tilde (<c>~1.2.3</c>),
/// caret (<c>^0.2.3</c>) and primitive comparators (<c>&lt; &lt;= &gt; &gt;= =</c>). A pre-release version satisfies a
/// set only when some comparator of that set names a pre-release of the same major.minor.patch, unless
/// pre-releases are included.
/// </summary>
public sealed partial class NpmRange
{
    private const string Id = @"0|[1-9][0-9]*|[xX*]";
    private const string PreId = @"(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][a-zA-Z0-9-]*)";
    private const string XRange = @"[v=\s]*(?<M>" + Id + @")(?:\.(?<m>" + Id + @")(?:\.(?<p>" + Id + @")(?:-(?<pr>" + PreId + @"(?:\." + PreId + @")*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?";

    private readonly Comparator[][] _sets;
    private readonly Comparator[][] _setsWithPrerelease;

    private NpmRange(string text, Comparator[][] sets, Comparator[][] setsWithPrerelease)
    {
        Text = text;
        _sets = sets;
        _setsWithPrerelease = setsWithPrerelease;
    }

    /// <summary>The range as given.</summary>
    public string Text { get; }

    [GeneratedRegex(@"^\s*(?<from>" + XRange + @")\s+-\s+(?<to>" + XRange + @")\s*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Hyphen();

    [GeneratedRegex(@"^(?<op>~>?|\^|(?:<|>)?=?)\s*" + XRange + "$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Single();

    [GeneratedRegex(@"^(?:~>?|\^|[<>]=?|=)$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneOperator();

    /// <summary>Parses a range; false when node-semver would throw "Invalid comparator" or "Invalid SemVer Range".</summary>
    public static bool TryParse(string range, [NotNullWhen(true)] out NpmRange? result)
    {
        ArgumentNullException.ThrowIfNull(range);
        result = null;
        if (range.Length > 1024)
        {
            return false;
        }

        var parts = range.Trim().Split("||");
        var sets = new Comparator[parts.Length][];
        var setsPre = new Comparator[parts.Length][];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseSet(parts[i].Trim(), false, out sets[i]!) || !TryParseSet(parts[i].Trim(), true, out setsPre[i]!))
            {
                return false;
            }
        }

        result = new NpmRange(range, sets, setsPre);
        return true;
    }

    /// <summary>True when <paramref name="version"/> is a valid npm version inside the range.</summary>
    public bool IsSatisfiedBy(string version, bool includePrerelease = false)
        => SemanticVersion.TryParse(version, VersionScheme.Npm, out var v) && IsSatisfiedBy(v, includePrerelease);

    /// <summary>True when <paramref name="version"/> is inside the range.</summary>
    public bool IsSatisfiedBy(SemanticVersion version, bool includePrerelease = false)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var set in includePrerelease ? _setsWithPrerelease : _sets)
        {
            if (SetHolds(set, version, includePrerelease))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SetHolds(Comparator[] set, SemanticVersion version, bool includePrerelease)
    {
        foreach (var c in set)
        {
            if (!c.Holds(version))
            {
                return false;
            }
        }

        if (!version.IsPrerelease || includePrerelease)
        {
            return true;
        }

        // A pre-release only passes when a comparator of this set opts into pre-releases of the same tuple.
        foreach (var c in set)
        {
            if (c.Version is { IsPrerelease: true } v && v.Major == version.Major && v.Minor == version.Minor && v.Patch == version.Patch)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseSet(string text, bool includePrerelease, [NotNullWhen(true)] out Comparator[]? set)
    {
        set = null;
        var list = new List<Comparator>();
        var hyphen = Hyphen().Match(text);
        if (hyphen.Success)
        {
            if (!TryHyphen(hyphen, includePrerelease, list))
            {
                return false;
            }

            set = [.. list];
            return true;
        }

        // An operator separated from its version by blanks still belongs to it ("> 1.2", "~ 1.2", "^ 1").
        var tokens = new List<string>();
        var raw = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < raw.Length; i++)
        {
            tokens.Add(LoneOperator().IsMatch(raw[i]) && i + 1 < raw.Length ? raw[i] + raw[++i] : raw[i]);
        }

        if (tokens.Count == 0)
        {
            list.Add(Comparator.Any);
        }

        foreach (var token in tokens)
        {
            var m = Single().Match(token);
            if (!m.Success || !TryDesugar(m, includePrerelease, list))
            {
                return false;
            }
        }

        set = [.. list];
        return true;
    }

    private static bool IsX(Group g) => !g.Success || g.Value is "x" or "X" or "*";

    private static bool TryDesugar(Match m, bool includePrerelease, List<Comparator> list)
    {
        var op = m.Groups["op"].Value;
        var gM = m.Groups["M"];
        var gm = m.Groups["m"];
        var gp = m.Groups["p"];
        var pr = m.Groups["pr"].Success ? "-" + m.Groups["pr"].Value : "";
        if (!TryNumber(gM, out var major) || !TryNumber(gm, out var minor) || !TryNumber(gp, out var patch))
        {
            return false;
        }

        var xM = IsX(gM);
        var xm = xM || IsX(gm);
        var xp = xm || IsX(gp);
        var z = includePrerelease ? "-0" : "";
        switch (op)
        {
            case "~" or "~>":
                if (xM)
                {
                    return Add(list, Comparator.Any);
                }

                return xm ? Range(list, $">={major}.0.0{z}", $"<{major + 1}.0.0-0")
                    : xp ? Range(list, $">={major}.{minor}.0{z}", $"<{major}.{minor + 1}.0-0")
                    : Range(list, $">={major}.{minor}.{patch}{pr}", $"<{major}.{minor + 1}.0-0");
            case "^":
                if (xM)
                {
                    return Add(list, Comparator.Any);
                }

                if (xm)
                {
                    return Range(list, $">={major}.0.0{z}", $"<{major + 1}.0.0-0");
                }

                if (xp)
                {
                    return Range(list, $">={major}.{minor}.0{z}", major == 0 ? $"<0.{minor + 1}.0-0" : $"<{major + 1}.0.0-0");
                }

                var low = pr.Length > 0 ? $">={major}.{minor}.{patch}{pr}" : $">={major}.{minor}.{patch}";
                var high = major != 0 ? $"<{major + 1}.0.0-0" : minor != 0 ? $"<0.{minor + 1}.0-0" : $"<0.0.{patch + 1}-0";
                return Range(list, low, high);
            default:
                return XRanges(list, op, xM, xm, xp, major, minor, patch, pr, includePrerelease);
        }
    }

    private static bool XRanges(List<Comparator> list, string op, bool xM, bool xm, bool xp, long major, long minor, long patch, string pr, bool includePrerelease)
    {
        if (!xp)
        {
            return Range(list, $"{op}{major}.{minor}.{patch}{pr}");
        }

        if (op == "=")
        {
            op = "";
        }

        var z = includePrerelease ? "-0" : "";
        if (xM)
        {
            return op is ">" or "<" ? Range(list, "<0.0.0-0") : Add(list, Comparator.Any);
        }

        if (op.Length > 0)
        {
            if (xm)
            {
                minor = 0;
            }

            patch = 0;
            if (op == ">")
            {
                op = ">=";
                if (xm)
                {
                    major++;
                    minor = 0;
                }
                else
                {
                    minor++;
                }
            }
            else if (op == "<=")
            {
                op = "<";
                if (xm)
                {
                    major++;
                }
                else
                {
                    minor++;
                }
            }

            return Range(list, $"{op}{major}.{minor}.{patch}{(op == "<" ? "-0" : z)}");
        }

        return xm ? Range(list, $">={major}.0.0{z}", $"<{major + 1}.0.0-0")
            : Range(list, $">={major}.{minor}.0{z}", $"<{major}.{minor + 1}.0-0");
    }

    private static bool TryHyphen(Match m, bool includePrerelease, List<Comparator> list)
    {
        var from = Single().Match(m.Groups["from"].Value.Trim());
        var to = Single().Match(m.Groups["to"].Value.Trim());
        if (!from.Success || !to.Success
            || !TryNumber(from.Groups["M"], out var fM) || !TryNumber(from.Groups["m"], out var fm) || !TryNumber(from.Groups["p"], out var fp)
            || !TryNumber(to.Groups["M"], out var tM) || !TryNumber(to.Groups["m"], out var tm) || !TryNumber(to.Groups["p"], out var tp))
        {
            return false;
        }

        var z = includePrerelease ? "-0" : "";
        var fpr = from.Groups["pr"].Success ? "-" + from.Groups["pr"].Value : "";
        var tpr = to.Groups["pr"].Success ? "-" + to.Groups["pr"].Value : "";
        var low = IsX(from.Groups["M"]) ? null
            : IsX(from.Groups["m"]) ? $">={fM}.0.0{z}"
            : IsX(from.Groups["p"]) ? $">={fM}.{fm}.0{z}"
            : fpr.Length > 0 ? $">={fM}.{fm}.{fp}{fpr}"
            : $">={fM}.{fm}.{fp}{z}";
        var high = IsX(to.Groups["M"]) ? null
            : IsX(to.Groups["m"]) ? $"<{tM + 1}.0.0-0"
            : IsX(to.Groups["p"]) ? $"<{tM}.{tm + 1}.0-0"
            : tpr.Length > 0 ? $"<={tM}.{tm}.{tp}{tpr}"
            : includePrerelease ? $"<{tM}.{tm}.{tp + 1}-0"
            : $"<={tM}.{tm}.{tp}";
        if (low is null && high is null)
        {
            return Add(list, Comparator.Any);
        }

        return (low is null || Range(list, low)) && (high is null || Range(list, high));
    }

    private static bool TryNumber(Group g, out long value)
    {
        value = 0;
        if (IsX(g))
        {
            return true;
        }

        return SemanticVersion.FitsNpm(g.Value) && long.TryParse(g.Value, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static bool Add(List<Comparator> list, Comparator c)
    {
        list.Add(c);
        return true;
    }

    private static bool Range(List<Comparator> list, params string[] comparators)
    {
        foreach (var text in comparators)
        {
            var opLength = text.StartsWith(">=", StringComparison.Ordinal) || text.StartsWith("<=", StringComparison.Ordinal) ? 2
                : text[0] is '<' or '>' or '=' ? 1 : 0;
            if (!SemanticVersion.TryParse(text[opLength..], VersionScheme.Npm, out var version))
            {
                return false;
            }

            list.Add(new Comparator(opLength == 0 ? "=" : text[..opLength], version));
        }

        return true;
    }

    /// <summary>The range as given.</summary>
    public override string ToString() => Text;

    private sealed record Comparator(string Operator, SemanticVersion? Version)
    {
        public static readonly Comparator Any = new("", null);

        public bool Holds(SemanticVersion v)
        {
            if (Version is null)
            {
                return true;
            }

            var c = v.CompareTo(Version);
            return Operator switch
            {
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                ">=" => c >= 0,
                _ => c == 0,
            };
        }
    }
}
