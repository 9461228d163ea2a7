using System.Collections.Frozen;
using System.Text;

namespace Drydock.Reporting.Licenses;

/// <summary>The SPDX license list, and turning declared licence strings into valid SPDX expressions.</summary>
public static class SpdxLicenses
{
    private static readonly FrozenDictionary<string, string> Ids = Load();

    /// <summary>The canonical spelling of a listed SPDX id (case-insensitive look-up), or null.</summary>
    public static string? Canonical(string id) => Ids.GetValueOrDefault(id);

    /// <summary>Turns <paramref name="declared"/> into a valid SPDX expression when every identifier in it is on the
    /// SPDX list (or a LicenseRef-), operators are AND/OR/WITH and parentheses balance; else false.</summary>
    public static bool TryNormalise(string declared, out string expression)
    {
        expression = string.Empty;
        var tokens = Tokenise(declared);
        if (tokens.Count == 0)
        {
            return false;
        }

        var output = new StringBuilder();
        var depth = 0;
        var expectOperand = true;
        var afterWith = false;
        foreach (var token in tokens)
        {
            if (token == "(")
            {
                if (!expectOperand)
                {
                    return false;
                }

                depth++;
                output.Append('(');
                continue;
            }

            if (token == ")")
            {
                if (expectOperand || --depth < 0)
                {
                    return false;
                }

                output.Append(')');
                continue;
            }

            var upper = token.ToUpperInvariant();
            if (upper is "AND" or "OR" or "WITH")
            {
                if (expectOperand)
                {
                    return false;
                }

                output.Append(' ').Append(upper).Append(' ');
                expectOperand = true;
                afterWith = upper == "WITH";
                continue;
            }

            if (!expectOperand)
            {
                return false;
            }

            if (afterWith)
            {
                if (!IsIdString(token))
                {
                    return false;
                }

                output.Append(token); // exception ids are not on the licence list
            }
            else if (token.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) && IsIdString(token[11..]))
            {
                output.Append("LicenseRef-").Append(token[11..]);
            }
            else
            {
                var plus = token.EndsWith('+');
                var id = Canonical(plus ? token[..^1] : token);
                if (id is null)
                {
                    return false;
                }

                output.Append(id).Append(plus ? "+" : string.Empty);
            }

            expectOperand = false;
            afterWith = false;
        }

        if (expectOperand || depth != 0)
        {
            return false;
        }

        expression = output.ToString();
        return true;
    }

    /// <summary>A LicenseRef- id for a licence that is not on the SPDX list.</summary>
    public static string LicenseRef(string declared)
    {
        var sb = new StringBuilder("LicenseRef-");
        foreach (var c in declared)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return sb.ToString();
    }

    private static bool IsIdString(string s) => s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    private static List<string> Tokenise(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(SpdxLicenses).Assembly.GetManifestResourceStream("Drydock.spdx-license-ids.txt")
            ?? throw new InvalidOperationException("the SPDX license list is missing from the assembly");
        using var reader = new StreamReader(stream);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                ids.TryAdd(line.Trim(), line.Trim());
            }
        }

        return ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
