using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Crawl.Rescan;

/// <summary><c>drydock rescan</c>'s bad input: one line and exit code 2.</summary>
public sealed class RescanCommandTests
{
    [Fact]
    public async Task Bad_options_are_one_line_errors()
    {
        var project = Path.Combine(RepoPaths.Scratch("rescan-bad"), "drydock.db");
        var missing = await CliRunner.InProcessAsync("rescan", "--db", project, "--advisory-db", "/nonexistent/advisories.db");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--advisory-db /nonexistent/advisories.db: no such file", missing.Stderr, StringComparison.Ordinal);
        var url = await CliRunner.InProcessAsync("rescan", "--db", project, "--webhook", "ftp://x/hook");
        Assert.Equal(2, url.ExitCode);
        Assert.Single(url.Stderr.Trim().Split('\n'));
    }
}
