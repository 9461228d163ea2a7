using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Drydock.Advisories;
using Drydock.Crawl.Rescan;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock rescan</c>: re-match every image the crawl stored against the current advisory database, without
/// pulling any image; update the rows, list the images whose findings changed, and tell a webhook about each.</summary>
public static class RescanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var db = ProjectDatabaseOption.Create();
        var advisoryDb = new Option<string?>("--advisory-db") { Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db; build it with 'drydock db build')" };
        var webhook = new Option<string?>("--webhook") { Description = "POST one JSON document per image whose findings changed to this http(s) URL" };
        var timeout = new Option<double>("--webhook-timeout") { Description = "Seconds one webhook attempt may take", DefaultValueFactory = _ => 10 };
        var attempts = new Option<int>("--webhook-attempts") { Description = "Attempts per image (network errors, time-outs, 408, 429 and 5xx are retried with a growing wait)", DefaultValueFactory = _ => 4 };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the result to FILE instead of standard output" };
        var command = new Command("rescan", "Re-match every crawled image's stored inventory against the advisory database (no image is pulled); list the images whose findings changed")
        {
            db, advisoryDb, webhook, timeout, attempts, format, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var hook = parse.GetValue(webhook) is { } url ? WebhookOptionsFrom(url, parse.GetValue(timeout), parse.GetValue(attempts)) : null;
            var named = parse.GetValue(advisoryDb);
            var advisoryPath = named ?? DbCommand.DefaultDatabasePath();
            if (!File.Exists(advisoryPath))
            {
                throw new DrydockInputException(named is null
                    ? $"no advisory database at {advisoryPath}: nothing to re-match against (run 'drydock db build' or 'drydock db update', or give --advisory-db)"
                    : $"--advisory-db {named}: no such file (build one with 'drydock db build')");
            }

            RescanRun run;
            await using (var database = await BaseCommand.OpenAsync(parse.GetValue(db), cancellationToken).ConfigureAwait(false))
            {
                using (var advisories = AdvisoryStore.Open(advisoryPath))
                {
                    run = await new CrawlRescanner(database, advisories) { Notify = hook is not null }.RunAsync(cancellationToken).ConfigureAwait(false);
                }

                // Every change is stored with its notification by now: the outbox delivers this run's and any an earlier
                // rescan could not, and what fails stays pending for the next one.
                var outbox = new RescanOutbox(database);
                if (hook is not null)
                {
                    using var client = RescanWebhook.CreateClient(hook);
                    var dispatch = await new OutboxDispatcher(outbox, new RescanWebhook(client, hook), hook).DispatchAsync(cancellationToken).ConfigureAwait(false);
                    run = run with { Deliveries = dispatch.Deliveries, Pending = dispatch.Pending };
                }
                else
                {
                    run = run with { Pending = await outbox.PendingCountAsync(cancellationToken).ConfigureAwait(false) };
                }
            }

            var outputPath = parse.GetValue(output);
            await ScanCommand.WriteOutputAsync((writer, ct) => parse.GetValue(format) == "json"
                ? writer.WriteLineAsync(JsonSerializer.Serialize(run, RescanJsonContext.Default.RescanRun).AsMemory(), ct)
                : WriteTableAsync(writer, run), outputPath, context, cancellationToken).ConfigureAwait(false);
            if (hook is null)
            {
                if (run.Pending > 0)
                {
                    await context.Error.WriteLineAsync(
                        $"drydock: warning: {Count(run.Pending, "webhook notification")} pending from earlier rescans (give --webhook URL to deliver them)").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            foreach (var delivery in run.Deliveries!.Where(d => !d.Delivered))
            {
                await context.Error.WriteLineAsync($"drydock: webhook: {delivery.Digest} (notification {delivery.Id}): {delivery.Error}").ConfigureAwait(false);
            }

            if (run.Pending > 0)
            {
                await context.Error.WriteLineAsync(
                    $"drydock: webhook: {Count(run.Pending, "notification")} still pending in the outbox (stored; the next rescan with --webhook delivers them)").ConfigureAwait(false);
                return ExitCodes.Findings;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static WebhookOptions WebhookOptionsFrom(string url, double seconds, int attempts)
    {
        if (!(seconds > 0 && seconds <= 3600))
        {
            throw new DrydockInputException("--webhook-timeout must be between 0 and 3600 seconds");
        }

        if (attempts is < 1 or > 20)
        {
            throw new DrydockInputException("--webhook-attempts must be between 1 and 20");
        }

        return WebhookOptions.For(url) with { Timeout = TimeSpan.FromSeconds(seconds), Attempts = attempts };
    }

    private static async Task WriteTableAsync(TextWriter writer, RescanRun run)
    {
        var built = run.AdvisoryDatabaseBuiltAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        await writer.WriteLineAsync(
            $"rescanned {Count(run.Images, "image")} against the advisory database built {built}: {run.Changed.Count} changed, " +
            $"{Count(run.Updated, "row")} updated, {run.Skipped} skipped (no vulnerability scan), {run.Failures.Count} unreadable").ConfigureAwait(false);
        for (var index = 0; index < run.Changed.Count; index++)
        {
            var image = run.Changed[index];
            await writer.WriteLineAsync().ConfigureAwait(false);
            await writer.WriteLineAsync($"{image.Digest}  {image.Platform}  {(image.Tags.Count > 0 ? string.Join(", ", image.Tags) : image.Reference)}").ConfigureAwait(false);
            await writer.WriteLineAsync(
                $"  critical {image.Before.Critical} -> {image.After.Critical}, high {image.Before.High} -> {image.After.High}, " +
                $"fixable critical {image.Before.FixableCritical} -> {image.After.FixableCritical}, vulnerable packages {image.Before.VulnerablePackages} -> {image.After.VulnerablePackages}")
                .ConfigureAwait(false);
            foreach (var package in image.Packages)
            {
                var name = $"{package.Package.Type} {(package.Package.Namespace is { } ns ? ns + "/" : "")}{package.Package.Name} {package.Package.Version}";
                foreach (var id in package.Added)
                {
                    await writer.WriteLineAsync($"  + {id}  {name}").ConfigureAwait(false);
                }

                foreach (var id in package.Removed)
                {
                    await writer.WriteLineAsync($"  - {id}  {name}").ConfigureAwait(false);
                }

                foreach (var change in package.SeverityChanged)
                {
                    await writer.WriteLineAsync($"  ~ {change.Id}  {name}: severity {change.From} -> {change.To}").ConfigureAwait(false);
                }

                foreach (var change in package.StatusChanged)
                {
                    await writer.WriteLineAsync($"  ~ {change.Id}  {name}: status {change.From} -> {change.To}").ConfigureAwait(false);
                }
            }

            if (image.Malware is { } malware)
            {
                await writer.WriteLineAsync($"  malware verdict {Verdict(malware.VerdictBefore)} -> {Verdict(malware.VerdictAfter)}").ConfigureAwait(false);
                foreach (var (sign, findings) in new[] { ("+", malware.Added), ("-", malware.Removed), ("~", malware.Changed) })
                {
                    foreach (var finding in findings)
                    {
                        await writer.WriteLineAsync($"  {sign} {finding.Category}  {finding.Package ?? finding.Path}: {finding.Title}").ConfigureAwait(false);
                    }
                }
            }

            if (run.Deliveries is { } deliveries)
            {
                await writer.WriteLineAsync(deliveries.Find(d => d.Id == image.Id) switch
                {
                    { Delivered: true } delivery => $"  webhook: delivered (attempt {delivery.Attempts})",
                    { } delivery => $"  webhook: FAILED, pending: {delivery.Error}",
                    null => "  webhook: pending (not tried: the receiver kept failing)",
                }).ConfigureAwait(false);
            }
        }

        if (run.Deliveries is { } all)
        {
            var earlier = all.Where(d => !run.Changed.Exists(c => c.Id == d.Id)).ToList();
            await writer.WriteLineAsync().ConfigureAwait(false);
            await writer.WriteLineAsync(
                $"webhook: {all.Count(d => d.Delivered)} delivered ({earlier.Count(d => d.Delivered)} left by earlier rescans), {run.Pending} pending").ConfigureAwait(false);
        }
        else if (run.Pending > 0)
        {
            await writer.WriteLineAsync().ConfigureAwait(false);
            await writer.WriteLineAsync($"webhook: {run.Pending} pending from earlier rescans (give --webhook URL to deliver them)").ConfigureAwait(false);
        }

        foreach (var failure in run.Failures)
        {
            await writer.WriteLineAsync($"unreadable: {failure.Digest}: {failure.Reason}").ConfigureAwait(false);
        }
    }

    private static string Verdict(Detection.Malware.MalwareVerdict? verdict)
        => verdict is null ? "none" : verdict.Verdict.ToString().ToLowerInvariant() + (verdict.Categories.Count > 0 ? $" ({string.Join(", ", verdict.Categories)})" : "");

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
