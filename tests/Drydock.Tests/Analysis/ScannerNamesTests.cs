using Drydock.Analysis;

namespace Drydock.Tests.Analysis;

public sealed class ScannerNamesTests
{
    [Theory]
    [InlineData("vuln,malware,secret,misconfig", Scanners.All)]
    [InlineData("vuln", Scanners.Vulnerabilities)]
    [InlineData(" Malware , secrets ", Scanners.Malware | Scanners.Secrets)]
    [InlineData("", Scanners.None)]
    public void Parses_the_command_line_names(string text, Scanners expected) => Assert.Equal(expected, ScannerNames.Parse(text));

    [Fact]
    public void Names_an_unknown_scanner() => Assert.Contains("'virus'", Assert.Throws<FormatException>(() => ScannerNames.Parse("vuln,virus")).Message);

    [Fact]
    public void Formats_round_trip() => Assert.Equal(Scanners.All, ScannerNames.Parse(ScannerNames.Format(Scanners.All)));

    [Fact]
    public void Vulnerability_only_scans_run_no_content_analyzers()
    {
        Assert.True(AnalyzerCatalog.For(Scanners.Vulnerabilities).Analyzers.Count <= AnalyzerCatalog.Default().Analyzers.Count);
        Assert.Equal(AnalyzerCatalog.For(Scanners.None).Versions, AnalyzerCatalog.For(Scanners.Vulnerabilities | Scanners.Misconfigurations).Versions);
    }
}
