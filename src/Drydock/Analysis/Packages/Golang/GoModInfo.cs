using System.Globalization;
using System.Text;

namespace Drydock.Analysis.Packages.Golang;

/// <summary>The parsed module information of a Go executable (the text <c>go version -m</c> prints).</summary>
/// <param name="MainPackage">The <c>path</c> line: the main package's import path.</param>
/// <param name="Main">The <c>mod</c> line: the main module, when built in module mode.</param>
/// <param name="Deps">The <c>dep</c> lines in order, each with its replacement.</param>
/// <param name="Settings">The <c>build</c> settings in order (key, value).</param>
internal sealed record GoModInfo(string? MainPackage, GoModule? Main, IReadOnlyList<GoModule> Deps, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    private const int MaxLines = 100_000;

    /// <summary>Parses the module text; unknown or malformed lines are ignored, as Go's reader tolerates new line kinds.</summary>
    public static GoModInfo Parse(string text)
    {
        string? mainPackage = null;
        GoModule? main = null;
        var deps = new List<GoModule>();
        var settings = new List<KeyValuePair<string, string>>();
        var lines = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if (++lines > MaxLines)
            {
                throw new InvalidDataException($"Go module information has more than {MaxLines} lines");
            }

            var line = text.AsSpan()[range];
            var tab = line.IndexOf('\t');
            if (tab < 0)
            {
                continue;
            }

            var kind = line[..tab];
            var rest = line[(tab + 1)..];
            switch (kind)
            {
                case "path":
                    mainPackage = rest.ToString();
                    break;
                case "mod":
                    main = Module(rest);
                    break;
                case "dep":
                    deps.Add(Module(rest));
                    break;
                case "=>":
                    var replacement = Module(rest);
                    if (deps.Count > 0 && deps[^1].Replace is null)
                    {
                        deps[^1] = deps[^1] with { Replace = replacement };
                    }
                    else if (deps.Count == 0 && main is { Replace: null })
                    {
                        main = main with { Replace = replacement };
                    }

                    break;
                case "build":
                    if (Setting(rest) is { } setting)
                    {
                        settings.Add(setting);
                    }

                    break;
            }
        }

        return new GoModInfo(mainPackage, main, deps, settings);
    }

    /// <summary>The value of a build setting, or null.</summary>
    public string? Setting(string key)
    {
        foreach (var s in Settings)
        {
            if (s.Key == key)
            {
                return s.Value;
            }
        }

        return null;
    }

    private static GoModule Module(ReadOnlySpan<char> rest)
    {
        Span<Range> fields = stackalloc Range[4];
        var n = rest.Split(fields, '\t');
        var path = n > 0 ? rest[fields[0]].ToString() : "";
        var version = n > 1 ? rest[fields[1]].ToString() : "";
        var sum = n > 2 ? rest[fields[2]].ToString() : "";
        return new GoModule(path, version, sum, null);
    }

    // "key=value", where a key or value holding spaces, quotes or '=' is written as a Go quoted string.
    private static KeyValuePair<string, string>? Setting(ReadOnlySpan<char> rest)
    {
        string key;
        ReadOnlySpan<char> after;
        if (rest.Length > 0 && rest[0] == '"')
        {
            if (!TryUnquote(rest, out key, out var used))
            {
                return null;
            }

            after = rest[used..];
        }
        else
        {
            var eq = rest.IndexOf('=');
            if (eq < 0)
            {
                return null;
            }

            key = rest[..eq].ToString();
            after = rest[eq..];
        }

        if (after.Length == 0 || after[0] != '=')
        {
            return null;
        }

        after = after[1..];
        if (after.Length > 0 && after[0] == '"')
        {
            return TryUnquote(after, out var value, out _) ? new(key, value) : null;
        }

        return new(key, after.ToString());
    }

    // Decodes a Go double-quoted string literal at the start of text; used is the number of characters consumed.
    private static bool TryUnquote(ReadOnlySpan<char> text, out string value, out int used)
    {
        var sb = new StringBuilder();
        value = "";
        used = 0;
        var i = 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                value = sb.ToString();
                used = i + 1;
                return true;
            }

            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                return false;
            }

            var e = text[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\\' or '"' or '\'': sb.Append(e); break;
                case 'x' or 'u' or 'U':
                    var digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits > text.Length || !uint.TryParse(text.Slice(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    i += digits;
                    if (e == 'x')
                    {
                        sb.Append((char)code);
                    }
                    else if (code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF))
                    {
                        sb.Append(char.ConvertFromUtf32((int)code));
                    }
                    else
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
