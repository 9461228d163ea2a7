using System.Security.Cryptography;
using System.Text;

namespace Drydock.Advisories.Distribution;

/// <summary>One advisory feed to fetch: its URL and the folder name its copy is kept under in the feed cache.</summary>
public sealed record FeedSource
{
    /// <summary>A feed at <paramref name="url"/>; only absolute http and https URLs are accepted.</summary>
    public FeedSource(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new DrydockInputException($"advisory feed '{url}' is not an absolute http or https URL");
        }

        Url = uri;
        CacheName = MakeCacheName(uri);
    }

    /// <summary>The feed's URL.</summary>
    public Uri Url { get; }

    /// <summary>A file-system-safe, unique folder name: readable host and path, then a hash of the whole URL.</summary>
    public string CacheName { get; }

    /// <summary>The name the downloaded file is kept under when it is not a zip archive (the URL's last segment, made safe).</summary>
    public string FileName
    {
        get
        {
            var last = Url.Segments.Length > 0 ? Uri.UnescapeDataString(Url.Segments[^1]).Trim('/') : string.Empty;
            var safe = Sanitise(last);
            return safe.Length == 0 ? "feed" : safe;
        }
    }

    /// <summary>True when the URL names a zip archive (its path ends in <c>.zip</c>).</summary>
    public bool IsZip => Url.AbsolutePath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    private static string MakeCacheName(Uri uri)
    {
        var readable = Sanitise(uri.Host + uri.AbsolutePath);
        if (readable.Length > 80)
        {
            readable = readable[^80..];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri.AbsoluteUri)))[..12];
        return $"{readable.Trim('-', '.')}-{hash}";
    }

    private static string Sanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '-');
        }

        var result = builder.ToString().Trim('.');
        return result is "." or ".." ? string.Empty : result;
    }
}
