using Drydock.Analysis;
using Drydock.LayerCache;
using Drydock.References;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Sources.OciLayout;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Detection;

/// <summary>Scans a test image in process with the analyzers the chosen scanners need.</summary>
public static class ImageScans
{
    public static async Task<ScanResult> ScanAsync(TestImages images, string name, Scanners scanners)
    {
        await images.EnsureAsync(name);
        var scanner = new ImageScanner(new ImageOpener([new OciLayoutImageSource()]), AnalyzerCatalog.For(scanners), new NoLayerResultStore());
        return await scanner.ScanAsync(ImageReference.Parse($"oci:{images.OciLayout(name)}:{TestImages.TagOf(name)}"), new ScanOptions(), null, CancellationToken.None);
    }

    /// <summary>The raw secrets planted in the secrets image: every value of secrets.raw.</summary>
    public static IReadOnlyList<string> RawSecrets(TestImages images)
        => [.. File.ReadAllLines(images.SecretsRaw).Where(l => l.Contains('=')).Select(l => l[(l.IndexOf('=') + 1)..]).Where(v => v.Length >= 8)];
}
