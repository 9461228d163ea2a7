using Drydock.References;

namespace Drydock.Crawl;

/// <summary>What a crawl walks: a whole registry, one repository (or one tag of it), or a file of image references.</summary>
public enum CrawlSourceKind
{
    /// <summary>Every repository of the registry's <c>_catalog</c>.</summary>
    Registry,

    /// <summary>Every tag of one repository (or only <see cref="CrawlSource.Tag"/>).</summary>
    Repository,

    /// <summary>One image reference per line of a file.</summary>
    File,
}

/// <summary>One SOURCE argument of <c>drydock crawl</c>, parsed.</summary>
/// <param name="Kind">What it names.</param>
/// <param name="Registry">The registry host[:port] (registry and repository sources).</param>
/// <param name="Repository">The repository path (repository sources).</param>
/// <param name="Tag">The one tag asked for, when the repository source names one.</param>
/// <param name="Path">The file (file sources).</param>
public sealed record CrawlSource(CrawlSourceKind Kind, string? Registry, string? Repository, string? Tag, string? Path)
{
    private const string RegistryPrefix = "registry:";

    /// <summary>Parses <c>registry:HOST[:PORT]</c>, a bare <c>HOST:PORT</c> or dotted host, <c>HOST/REPO[:TAG]</c> or <c>@FILE</c>.</summary>
    public static CrawlSource Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DrydockInputException("crawl: empty source");
        }

        if (text.StartsWith('@'))
        {
            return text.Length > 1 ? new(CrawlSourceKind.File, null, null, null, text[1..]) : throw new DrydockInputException("crawl: '@' needs a file name (@FILE)");
        }

        if (text.StartsWith(RegistryPrefix, StringComparison.Ordinal))
        {
            return ForRegistry(text[RegistryPrefix.Length..], text);
        }

        if (!text.Contains('/'))
        {
            return LooksLikeHost(text)
                ? ForRegistry(text, text)
                : throw new DrydockInputException($"crawl: unknown source form '{text}' (use registry:HOST[:PORT], HOST[:PORT], HOST/REPO[:TAG] or @FILE)");
        }

        if (text.Contains('@'))
        {
            throw new DrydockInputException($"crawl: '{text}' pins a digest: list digests in a file and pass @FILE");
        }

        RegistryReference reference;
        try
        {
            reference = RegistryReference.Parse(text);
        }
        catch (ReferenceParseException e)
        {
            throw new DrydockInputException($"crawl: unknown source form '{text}': {e.Message}", e);
        }

        var first = text[..text.IndexOf('/')];
        if (!LooksLikeHost(first))
        {
            throw new DrydockInputException($"crawl: '{text}' names no registry host (write HOST/REPO, e.g. 127.0.0.1:5000/app)");
        }

        var lastSlash = text.LastIndexOf('/');
        var tagged = text.IndexOf(':', lastSlash + 1) >= 0;
        return new(CrawlSourceKind.Repository, reference.Registry, reference.Repository, tagged ? reference.Tag : null, null);
    }

    private static CrawlSource ForRegistry(string host, string text)
    {
        if (host.Length == 0 || host.Contains('/') || !LooksLikeHostName(host))
        {
            throw new DrydockInputException($"crawl: '{text}' is not a registry host[:port]");
        }

        return new(CrawlSourceKind.Registry, host, null, null, null);
    }

    private static bool LooksLikeHost(string text) => (text.Contains('.') || text.Contains(':') || text == "localhost") && LooksLikeHostName(text);

    private static bool LooksLikeHostName(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CrawlSourceKind.File => "@" + Path,
        CrawlSourceKind.Registry => RegistryPrefix + Registry,
        _ => $"{Registry}/{Repository}" + (Tag is null ? string.Empty : ":" + Tag),
    };
}
