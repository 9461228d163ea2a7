using System.Buffers;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Drydock.Analysis.UserRules.Ioc;

/// <summary>A list of known-bad SHA-256 hashes (<c>--ioc-file</c>): one per line, an optional name after the hash,
/// <c>#</c> starts a comment; <c>sha256sum</c> output is accepted as it is.</summary>
public sealed class IocList
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    private readonly FrozenDictionary<string, string?> _names;

    private IocList(Dictionary<string, string?> names, string digest)
    {
        _names = names.ToFrozenDictionary(StringComparer.Ordinal);
        Digest = digest;
    }

    /// <summary>How many hashes the list holds.</summary>
    public int Count => _names.Count;

    /// <summary>SHA-256 over the sorted hashes and names: the list's part of the layer cache key.</summary>
    public string Digest { get; }

    /// <summary>True when <paramref name="sha256"/> (lower-case hex) is listed; <paramref name="name"/> is its name, if given.</summary>
    public bool TryGet(string sha256, out string? name) => _names.TryGetValue(sha256, out name);

    /// <summary>Reads a list; throws <see cref="DrydockInputException"/> naming the file and line of a malformed entry.</summary>
    public static IocList Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DrydockInputException($"--ioc-file {path}: {e.Message}", e);
        }

        return Parse(lines, path);
    }

    /// <summary>Parses the lines of a list; <paramref name="source"/> names it in errors.</summary>
    public static IocList Parse(IEnumerable<string> lines, string source)
    {
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var hash = raw.AsSpan();
            var comment = hash.IndexOf('#');
            if (comment >= 0)
            {
                hash = hash[..comment];
            }

            hash = hash.Trim();
            if (hash.IsEmpty)
            {
                continue;
            }

            var end = hash.IndexOfAny(' ', '\t');
            var name = end < 0 ? null : hash[end..].Trim().TrimStart('*').ToString();
            hash = end < 0 ? hash : hash[..end];
            if (hash.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
            {
                hash = hash["sha256:".Length..];
            }

            if (hash.Length != 64 || hash.ContainsAnyExcept(HexDigits))
            {
                throw new DrydockInputException($"--ioc-file {source}:{number}: '{Shorten(hash)}' is not a SHA-256 hash (64 hex digits)");
            }

            names[hash.ToString().ToLowerInvariant()] = string.IsNullOrEmpty(name) ? null : name;
        }

        if (names.Count == 0)
        {
            throw new DrydockInputException($"--ioc-file {source}: no SHA-256 hashes in the file");
        }

        var canonical = new StringBuilder();
        foreach (var (hash, name) in names.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            canonical.Append(hash).Append(' ').Append(name).Append('\n');
        }

        return new IocList(names, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))));
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length > 80 ? text[..80].ToString() + "…" : text.ToString();
}
