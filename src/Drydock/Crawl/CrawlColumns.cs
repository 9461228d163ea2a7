namespace Drydock.Crawl;

/// <summary>How list-valued columns of the crawl tables are stored: one value per line (values never hold a line break).</summary>
public static class CrawlColumns
{
    /// <summary>The column text of <paramref name="values"/>.</summary>
    public static string Join(IEnumerable<string> values) => string.Join('\n', values);

    /// <summary>The values of a column written by <see cref="Join"/>.</summary>
    public static string[] Split(string? text) => string.IsNullOrEmpty(text) ? [] : text.Split('\n');
}
