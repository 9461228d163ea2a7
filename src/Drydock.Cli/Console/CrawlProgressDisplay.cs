using Drydock.Crawl;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Drydock.Cli.Console;

/// <summary>Shows a crawl as it runs on standard error: a live panel on a terminal (images done/queued, layers analysed vs
/// reused, findings, requests per second, ETA, the latest failures), plain lines every few seconds otherwise; failures
/// always get a line of their own.</summary>
public sealed class CrawlProgressDisplay(CliContext context, bool quiet) : ICrawlObserver
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly List<string> _failures = [];

    /// <summary>Shows <paramref name="crawler"/>'s progress until <paramref name="crawl"/> ends; returns its result.</summary>
    public async Task<CrawlProgress> RunAsync(Crawler crawler, Task<CrawlProgress> crawl)
    {
        if (quiet)
        {
            return await crawl.ConfigureAwait(false);
        }

        if (!context.ErrorIsTerminal)
        {
            while (await Task.WhenAny(crawl, Task.Delay(PlainInterval)).ConfigureAwait(false) != crawl)
            {
                Write(Line(crawler.Progress));
            }

            return await crawl.ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
        var result = await console.Live(Panel(crawler.Progress)).AutoClear(true).StartAsync(async live =>
        {
            while (await Task.WhenAny(crawl, Task.Delay(250)).ConfigureAwait(false) != crawl)
            {
                live.UpdateTarget(Panel(crawler.Progress));
            }

            return await crawl.ConfigureAwait(false);
        }).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var failure in _failures)
            {
                context.Error.WriteLine(failure);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public void Discovered(CrawlProgress progress)
    {
        if (!quiet && !context.ErrorIsTerminal)
        {
            Write($"crawl: {progress.Queued} images queued, {progress.Skipped} done by an earlier run, {progress.Failed} failed to resolve, {progress.ManifestRequests} manifest requests (+{progress.HeadRequests} HEAD)");
        }
    }

    /// <inheritdoc />
    public void Finished(string reference, string? failure, CrawlProgress progress)
    {
        if (failure is null || quiet)
        {
            return;
        }

        var line = $"crawl: failed {reference}: {failure}";
        if (context.ErrorIsTerminal)
        {
            lock (_gate)
            {
                _failures.Add(line);
            }
        }
        else
        {
            Write(line);
        }
    }

    /// <summary>The one-line progress of a plain (non-terminal) display.</summary>
    public static string Line(CrawlProgress p)
        => $"crawl: {p.Done} done, {p.Queued} queued, {p.Failed} failed; layers {p.LayersAnalysed} analysed, {p.LayersReused} reused; " +
           $"{p.Findings} findings; {p.ManifestRequests} manifest requests (+{p.HeadRequests} HEAD, {p.RequestsPerSecond:0.0}/s); {p.ImagesPerMinute:0.0} images/min; ETA {Eta(p)}";

    private static string Eta(CrawlProgress p) => p.Remaining is { } left ? CrawlSummary.Duration(left) : "?";

    private IRenderable Panel(CrawlProgress p)
    {
        var table = new Grid().AddColumn().AddColumn();
        table.AddRow("Images", $"{p.Done} done, {p.Queued} queued, {p.Failed} failed, {p.Skipped} done earlier");
        table.AddRow("Layers", $"{p.LayersAnalysed} analysed, {p.LayersReused} reused");
        table.AddRow("Findings", p.Findings.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Requests", $"{p.ManifestRequests} manifest GETs + {p.HeadRequests} HEADs, {p.RequestsPerSecond:0.0}/s");
        table.AddRow("Speed", $"{p.ImagesPerMinute:0.0} images/min, ETA {Eta(p)}");
        lock (_gate)
        {
            foreach (var failure in _failures.TakeLast(3))
            {
                table.AddRow(new Text("Failed"), new Text(failure.Length > 120 ? failure[..120] + "…" : failure));
            }
        }

        return new Panel(table).Header("drydock crawl").Border(BoxBorder.Rounded);
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            context.Error.WriteLine(line);
            context.Error.Flush();
        }
    }
}
