using Drydock.Crawl;

namespace Drydock.Tests.Crawl;

/// <summary>Parsing crawl sources and ordering tags newest first (pure functions).</summary>
public sealed class CrawlSourceTests
{
    [Theory]
    [InlineData("registry:127.0.0.1:5000", CrawlSourceKind.Registry, "127.0.0.1:5000", null, null)]
    [InlineData("registry.example.com", CrawlSourceKind.Registry, "registry.example.com", null, null)]
    [InlineData("localhost:5000", CrawlSourceKind.Registry, "localhost:5000", null, null)]
    [InlineData("127.0.0.1:5000/team/app", CrawlSourceKind.Repository, "127.0.0.1:5000", "team/app", null)]
    [InlineData("127.0.0.1:5000/team/app:v1", CrawlSourceKind.Repository, "127.0.0.1:5000", "team/app", "v1")]
    [InlineData("@refs.txt", CrawlSourceKind.File, null, null, null)]
    public void Sources_parse_into_their_kind(string text, CrawlSourceKind kind, string? registry, string? repository, string? tag)
    {
        var source = CrawlSource.Parse(text);
        Assert.Equal((kind, registry, repository, tag), (source.Kind, source.Registry, source.Repository, source.Tag));
        Assert.Equal(text.StartsWith("registry.", StringComparison.Ordinal) || text.StartsWith("localhost", StringComparison.Ordinal) ? "registry:" + text : text, source.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("ubuntu")]
    [InlineData("library/ubuntu")]
    [InlineData("registry:")]
    [InlineData("registry:host/path")]
    public void Malformed_sources_are_input_errors(string text)
        => Assert.Throws<DrydockInputException>(() => CrawlSource.Parse(text));

    [Fact]
    public void Tags_order_latest_first_then_versions_by_descending_natural_order_then_names()
    {
        string[] tags = ["1.9", "latest", "v2", "1.10", "1.2-alpine", "1.2", "stable", "01.11", "beta"];
        Assert.Equal(["latest", "v2", "01.11", "1.10", "1.9", "1.2-alpine", "1.2", "beta", "stable"], tags.Order(TagOrder.NewestFirst));
    }
}
