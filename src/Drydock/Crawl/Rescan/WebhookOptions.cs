namespace Drydock.Crawl.Rescan;

/// <summary>Where and how the rescan webhook is called: an absolute http(s) URL, the time one attempt may take, how many
/// attempts each image gets (the waits between them double from <see cref="FirstBackoff"/> up to <see cref="MaxBackoff"/>,
/// or follow a receiver's <c>Retry-After</c> within that bound), and after how many images failed in a row the rest are not tried.</summary>
public sealed record WebhookOptions
{
    public required Uri Url { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public int Attempts { get; init; } = 4;
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
    public int GiveUpAfterFailedImages { get; init; } = 5;

    /// <summary>The options for <paramref name="url"/>; a URL that is not absolute http or https is bad input.</summary>
    public static WebhookOptions For(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DrydockInputException($"--webhook {url}: not an absolute http:// or https:// URL");
        }

        return new WebhookOptions { Url = uri };
    }
}
