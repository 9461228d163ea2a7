using Drydock.Population.Reports;
using Drydock.Population.Reports.Html;
using Drydock.Tests.Fixtures;
using StbImageSharp;

namespace Drydock.Tests.Population;

/// <summary>The HTML report in a real browser: one headless chromium screenshot, every chart found by its fill in the pixels.</summary>
public sealed class PopulationHtmlBrowserTests
{
    private const int Width = 1000;
    private const int Height = 1600;

    [ChromiumFact]
    public async Task Chromium_draws_every_chart()
    {
        var folder = Directory.CreateTempSubdirectory("drydock-population-html-");
        try
        {
            var file = Path.Combine(folder.FullName, "population.html");
            await using (var stream = File.Create(file))
            {
                await PopulationReportWriters.For(PopulationReportFormat.Html).WriteAsync(PopulationSamples.Hostile(), stream, CancellationToken.None);
            }

            var png = await HeadlessChromium.ScreenshotAsync(file, Width, Height);
            var image = ImageResult.FromMemory(png, ColorComponents.RedGreenBlue);
            Assert.Equal((Width, Height), (image.Width, image.Height));

            // Where each chart's fill shows: enough pixels for real bars, and the charts in page order from top to bottom.
            var tops = new List<int>();
            foreach (var chart in PopulationCharts.All)
            {
                var (count, top) = Find(image, chart.Fill);
                Assert.True(count >= 1000, $"{chart.Id}: {count} pixels of {chart.Fill} in the screenshot, expected its bars");
                tops.Add(top);
            }

            Assert.Equal(tops.Order(), tops);
            Assert.True(Find(image, PopulationCharts.AnalysedFill).Count > 100, "the layer chart's analysed bar is missing");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Pixels within 2 of the colour on each channel, and the first row holding one.
    private static (int Count, int Top) Find(ImageResult image, string hex)
    {
        var r = Convert.ToInt32(hex[1..3], 16);
        var g = Convert.ToInt32(hex[3..5], 16);
        var b = Convert.ToInt32(hex[5..7], 16);
        var count = 0;
        var top = int.MaxValue;
        var data = image.Data;
        for (var i = 0; i + 2 < data.Length; i += 3)
        {
            if (Math.Abs(data[i] - r) <= 2 && Math.Abs(data[i + 1] - g) <= 2 && Math.Abs(data[i + 2] - b) <= 2)
            {
                count++;
                top = Math.Min(top, i / 3 / image.Width);
            }
        }

        return (count, top);
    }
}
