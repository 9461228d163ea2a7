using System.Text;
using Drydock.Analysis.Packages.Php;
using static Drydock.Tests.Analysis.Packages.LanguageAnalyzerRun;

namespace Drydock.Tests.Analysis.Packages.Php;

public sealed class ComposerInstalledTests
{
    private const string Package = """
        {"name": "monolog/monolog", "version": "2.9.1", "version_normalized": "2.9.1.0", "license": ["MIT"],
         "require": {"php": ">=7.2", "ext-json": "*", "psr/log": "^1.0.1 || ^2.0 || ^3.0"}}
        """;

    [Theory]
    [InlineData("[" + Package + "]")]
    [InlineData("{\"packages\": [" + Package + "], \"dev\": true}")]
    public void Composer_1_and_2_layouts(string json)
    {
        var result = Run(new ComposerInstalledAnalyzer(), "var/www/vendor/composer/installed.json", Encoding.UTF8.GetBytes(json));
        var record = Assert.Single(result.Packages);
        Assert.Equal(("monolog", "monolog", "2.9.1"), (record.Namespace, record.Name, record.Version));
        Assert.Equal(["MIT"], record.Licenses);
        Assert.Equal(["psr/log"], record.DependsOn);
        Assert.Equal("2.9.1.0", record.Metadata["version-normalized"]);
    }

    [Fact]
    public void Entries_without_version_warn_and_the_rest_is_kept()
    {
        var result = Run(new ComposerInstalledAnalyzer(), "vendor/composer/installed.json", Encoding.UTF8.GetBytes("[{\"name\": \"a/b\"}, " + Package + "]"));
        Assert.Single(result.Packages);
        Assert.Equal("composer-missing-name-or-version", Assert.Single(result.Warnings).Code);
    }
}
