using System.Net.Http.Headers;

namespace Drydock.Sources.Registry;

/// <summary>Reads the <c>Link: &lt;URL&gt;; rel="next"</c> header the distribution API pages with.</summary>
public static class LinkHeader
{
    /// <summary>The next page's address resolved against <paramref name="current"/>, or null on the last page.</summary>
    public static Uri? Next(HttpResponseHeaders headers, Uri current)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (var link in value.Split(','))
            {
                var open = link.IndexOf('<');
                var close = link.IndexOf('>', open + 1);
                if (open < 0 || close < 0)
                {
                    continue;
                }

                var parameters = link[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parameters.Any(p => p.Replace(" ", "").Equals("rel=\"next\"", StringComparison.OrdinalIgnoreCase) || p.Replace(" ", "").Equals("rel=next", StringComparison.OrdinalIgnoreCase))
                    && Uri.TryCreate(current, link[(open + 1)..close], out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }
}
