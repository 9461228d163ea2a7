namespace Drydock.Inventory;

/// <summary>A parsed package URL.</summary>
public sealed record ParsedPackageUrl(string Type, string? Namespace, string Name, string? Version, IReadOnlyDictionary<string, string> Qualifiers, string? Subpath);

/// <summary>Parses package URLs (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>).</summary>
public static class PackageUrlParser
{
    /// <summary>Parses <paramref name="purl"/>, or returns null when it is not a package URL.</summary>
    public static ParsedPackageUrl? TryParse(string? purl)
    {
        if (purl is null || !purl.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) || purl.Length > 4096)
        {
            return null;
        }

        var rest = purl[4..].TrimStart('/');
        string? subpath = null;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            subpath = Decode(rest[(hash + 1)..]);
            rest = rest[..hash];
        }

        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq > 0)
                {
                    qualifiers[pair[..eq].ToLowerInvariant()] = Decode(pair[(eq + 1)..]);
                }
            }

            rest = rest[..question];
        }

        string? version = null;
        var at = rest.LastIndexOf('@');
        var lastSlash = rest.LastIndexOf('/');
        if (at > lastSlash)
        {
            version = Decode(rest[(at + 1)..]);
            rest = rest[..at];
        }

        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var type = segments[0].ToLowerInvariant();
        var name = Decode(segments[^1]);
        var ns = segments.Length > 2 ? string.Join('/', segments[1..^1].Select(Decode)) : null;
        return name.Length == 0 ? null : new ParsedPackageUrl(type, ns, name, version, qualifiers, subpath);
    }

    private static string Decode(string s)
    {
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }
}
