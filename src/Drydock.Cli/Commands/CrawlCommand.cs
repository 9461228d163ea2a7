using System.CommandLine;
using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Cli.Console;
using Drydock.Crawl;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Project;
using Drydock.Scanning;
using Drydock.Sources;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock crawl SOURCE...</c>: discover the images of registries, repositories or reference files, scan each
/// manifest once into the project database, resumable after any interruption.</summary>
public static class CrawlCommand
{
    /// <summary>Builds <c>drydock crawl</c>.</summary>
    public static Command Create(CliContext context)
    {
        var sources = new Argument<string[]>("SOURCE")
        {
            Description = "registry:HOST[:PORT] (every repository of its _catalog), HOST/REPO[:TAG] (one repository), or @FILE (image references, one a line)",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = ProjectDatabaseOption.Create();
        var tags = new Option<string[]>("--tags") { Description = "Only these tags (comma-separated or repeated)" };
        var tagsMatching = new Option<string?>("--tags-matching") { Description = "Only tags matching this glob (* and ?)" };
        var maxTags = new Option<int?>("--max-tags") { Description = "At most N tags per repository, newest first (latest, then descending version order)" };
        var platform = new Option<string?>("--platform") { Description = "Platform to pick from multi-platform images: os/arch[/variant], or 'all' (default linux/amd64, else the host's)" };
        var scannersOption = new Option<string>("--scanners") { Description = $"Scanners to run besides the inventory, comma-separated ({string.Join(",", ScannerNames.All)})", DefaultValueFactory = _ => ScannerNames.Format(Scanners.All) };
        var parallel = new Option<int>("--parallel") { Description = "Images scanned at once", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var layerParallel = new Option<int>("--layer-parallel") { Description = "Layers of one image analysed at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var rate = new Option<double?>("--rate") { Description = "Most manifest requests per second to one registry (default: no limit)" };
        var registryConcurrency = new Option<int?>("--registry-concurrency") { Description = "Most images pulled from one registry at once (default: --parallel)" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Try again the images and tags an earlier run gave up on" };
        var refresh = new Option<bool>("--refresh") { Description = "Ask every known tag again (one HEAD each) and follow the tags that moved to other images" };
        var cacheDir = CacheOptions.CacheDirOption();
        var advisoryDb = new Option<string?>("--advisory-db") { Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output" };
        var discoverOnly = new Option<bool>("--discover-only") { Description = "Only fill the frontier (tags resolved, digests queued); 'drydock worker' processes scan it (docs/scale.md)" };
        var registry = new RegistryOptions();
        var command = new Command("crawl", "Crawl registries, repositories or lists of images: scan each manifest once into the project database (resumable)")
        {
            sources, db, tags, tagsMatching, maxTags, platform, scannersOption, parallel, layerParallel, rate, registryConcurrency, retryFailed, refresh, cacheDir, advisoryDb, quiet, discoverOnly,
        };
        registry.AddTo(command);
        var sandbox = new Option<bool>("--sandbox") { Description = "Also run each image in the sandbox and add its behaviour to the report and the verdict (Linux, root: docs/sandbox.md)" };
        var sandboxOptions = new SandboxOptionSet("sandbox-");
        command.Options.Add(sandbox);
        foreach (var option in sandboxOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var parsedSources = parse.GetValue(sources)!.Select(CrawlSource.Parse).ToList();
            var scanners = ScanCommand.ParseScanners(parse.GetValue(scannersOption)!);
            var advisoryPath = parse.GetValue(advisoryDb);
            if (advisoryPath is not null && !File.Exists(advisoryPath))
            {
                throw new DrydockInputException($"--advisory-db {advisoryPath}: no such file (build one with 'drydock db build')");
            }

            var layerParallelism = parse.GetValue(layerParallel) is var lp and >= 1 ? lp : throw new DrydockInputException("--layer-parallel must be at least 1");
            var platformText = parse.GetValue(platform);
            var allPlatforms = platformText == "all";
            var source = await registry.SourceOptionsAsync(parse, context).ConfigureAwait(false);
            source = source with { Platform = platformText is null || allPlatforms ? null : ScanCommand.ParsePlatform(platformText) };
            var images = parse.GetValue(parallel);
            var options = new CrawlOptions
            {
                Tags = parse.GetValue(tags) is { Length: > 0 } named
                    ? named.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
                    : null,
                TagsMatching = parse.GetValue(tagsMatching),
                MaxTags = parse.GetValue(maxTags),
                AllPlatforms = allPlatforms,
                Parallelism = images,
                PerRegistryConcurrency = parse.GetValue(registryConcurrency) ?? Math.Max(1, images),
                Rate = parse.GetValue(rate),
                RetryFailed = parse.GetValue(retryFailed),
                Refresh = parse.GetValue(refresh),
                DiscoverOnly = parse.GetValue(discoverOnly),
                Source = source,
            };

            var cacheDirectory = parse.GetValue(cacheDir) ?? CachePaths.DefaultCacheDirectory();
            await using var database = await ProjectDatabase.OpenAsync(ProjectDatabaseOption.Resolve(parse.GetValue(db), out _), cancellationToken).ConfigureAwait(false);
            await using ILayerResultStore cache = await SqliteLayerResultStore.OpenAsync(cacheDirectory, cancellationToken).ConfigureAwait(false);
            // Images in flight share the gate: a layer they have in common is analysed by one of them, once.
            var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.For(scanners), cache, new LayerAnalysisGate());
            var scanOptions = new ScanOptions { Source = source, Parallelism = layerParallelism, ScratchDirectory = Path.Combine(cacheDirectory, "tmp") };
            var assessor = new ImageAssessor(scanner, scanOptions, new AssessmentSources(scanners, advisoryPath ?? DbCommand.DefaultDatabasePath(), null));
            Func<Drydock.References.ImageReference, Reporting.ScanReport, CancellationToken, Task<Reporting.ScanReport>>? addBehaviour = null;
            if (parse.GetValue(sandbox))
            {
                if (!OperatingSystem.IsLinux())
                {
                    throw new DrydockInputException("--sandbox runs on Linux only");
                }

                addBehaviour = SandboxStep(sandboxOptions.Read(parse), source);
            }

            var store = new CrawlStore(database);
            var display = new CrawlProgressDisplay(context, parse.GetValue(quiet));
            await using var crawler = new Crawler(store, assessor, options, display, addBehaviour);
            var progress = await display.RunAsync(crawler, crawler.RunAsync(parsedSources, cancellationToken)).ConfigureAwait(false);
            var population = await new PopulationQuery(database).ComputeAsync(cancellationToken).ConfigureAwait(false);
            await CrawlSummary.WriteAsync(context.Output, progress, population, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // Runs each crawled image in the sandbox and adds its behaviour to the report (and the verdict).
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static Func<Drydock.References.ImageReference, Reporting.ScanReport, CancellationToken, Task<Reporting.ScanReport>> SandboxStep(
        Sandbox.SandboxOptions run, SourceOptions source)
    {
        var runner = new SandboxAssessment(new ImageOpener(DefaultImageSources.Create()));
        return async (image, report, ct) => SandboxAssessment.Add(report, await runner.RunAsync(image, source, run, ct).ConfigureAwait(false));
    }
}
