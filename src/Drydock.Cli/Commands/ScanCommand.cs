using System.CommandLine;
using Drydock.Analysis;
using Drydock.Assessment;
using Drydock.Catalog;
using Drydock.Cli.Console;
using Drydock.LayerCache;
using Drydock.LayerCache.Sqlite;
using Drydock.Layers;
using Drydock.References;
using Drydock.Reporting;
using Drydock.Reporting.CycloneDx;
using Drydock.Reporting.Sbom;
using Drydock.Reporting.Sarif;
using Drydock.Reporting.Spdx;
using Drydock.Reporting.Vulnerabilities;
using Drydock.Advisories;
using Drydock.Detection.Malware;
using Drydock.Detection.Vulnerabilities;
using Drydock.Reporting.Json;
using Drydock.Reporting.Table;
using Drydock.Scanning;
using Drydock.Sources;
using Drydock.Sources.Registry;
using Spectre.Console;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock scan IMAGE</c>: parse options, run the scanner, write the report.</summary>
public static class ScanCommand
{
    private static readonly string[] Severities = ["unknown", "low", "medium", "high", "critical"];

    /// <summary>The report formats --format accepts.</summary>
    public static readonly string[] Formats = ["table", "json", "cyclonedx", "spdx-json", "sarif"];

    /// <summary>Builds <c>drydock scan</c>.</summary>
    public static Command Create(CliContext context)
        => Create(context, "scan", "table", "Scan an image: read every layer once, identify the OS, inventory packages, take a file census, report");

    /// <summary>Builds <c>drydock sbom</c>: the same run with an SBOM as the default output.</summary>
    public static Command CreateSbom(CliContext context)
        => Create(context, "sbom", "cyclonedx", "Write an SBOM of an image (CycloneDX 1.6 JSON by default, or --format spdx-json)");

    /// <summary>What a command built on the scan does with the finished report; returns the exit code.</summary>
    internal delegate Task<int> ReportHandler(ScanReport report, CancellationToken cancellationToken);

    private static Command Create(CliContext context, string name, string defaultFormat, string description)
        => Create(context, name, description, Formats, defaultFormat, null);

    /// <summary>Builds a command that scans like <c>drydock scan</c> (same options and pipeline); <paramref name="handler"/>,
    /// called before the scan starts, returns what to do with the report instead of writing it (null: write it);
    /// <paramref name="adjustSource"/> sees (and may change) the registry options before the image is opened.</summary>
    internal static Command Create(CliContext context, string name, string description, string[] formats, string defaultFormat, Func<ParseResult, ReportHandler>? handler,
        Func<SourceOptions, SourceOptions>? adjustSource = null)
    {
        var image = new Argument<string>("IMAGE")
        {
            Description = "The image: NAME[:TAG|@DIGEST] or docker://NAME (registry), docker-archive:PATH, oci:DIR[:TAG], oci-archive:PATH[:TAG], dir:PATH; or sbom:FILE (a CycloneDX or SPDX JSON SBOM)",
        };
        var format = new Option<string>("--format", "-f") { Description = "Report format", DefaultValueFactory = _ => defaultFormat };
        format.AcceptOnlyFromAmong(formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress output" };
        var platform = new Option<string?>("--platform") { Description = "Platform to pick from a multi-platform image: os/arch[/variant] (default linux/amd64, else the host's)" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with code 1 when vulnerabilities, secrets or misconfigurations at or over this severity exist" };
        failOn.AcceptOnlyFromAmong(Severities);
        var cacheDir = CacheOptions.CacheDirOption();
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the layer cache" };
        var parallel = new Option<int>("--parallel") { Description = "Layers analysed at once", DefaultValueFactory = _ => Environment.ProcessorCount };
        var username = new Option<string?>("--username") { Description = "Registry user name (with --password-stdin)" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the registry password from standard input" };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Allow plain HTTP to this registry host[:port] (loopback is always allowed)", AllowMultipleArgumentsPerToken = false };
        var maxLayer = new Option<string?>("--max-layer-size") { Description = $"Most bytes one layer may expand to (default {TableReportWriter.Size(InputLimits.Default.MaxLayerBytes)})" };
        var maxFile = new Option<string?>("--max-file-size") { Description = $"Largest single file in a layer (default {TableReportWriter.Size(InputLimits.Default.MaxFileBytes)})" };
        var maxAnalyzed = new Option<string?>("--max-analyzed-file-size") { Description = $"Largest file whose content analyzers read (default {TableReportWriter.Size(InputLimits.Default.MaxAnalyzedFileBytes)})" };
        var maxEntries = new Option<int?>("--max-entries") { Description = $"Most entries in one layer (default {InputLimits.Default.MaxEntries:N0})" };
        var maxManifest = new Option<string?>("--max-manifest-size") { Description = "Largest manifest or index accepted (default 4MiB)" };
        var advisoryDb = new Option<string?>("--advisory-db") { Description = "The advisory database (default $XDG_CACHE_HOME/drydock/advisories.db; build it with 'drydock db build')" };
        var severity = new Option<string?>("--severity") { Description = "Show only these severities, comma-separated (critical,high,medium,low,unknown)" };
        var ignoreUnfixed = new Option<bool>("--ignore-unfixed") { Description = "Hide vulnerabilities that have no fixed version yet" };
        var ignoreFile = new Option<string?>("--ignore-file") { Description = "Vulnerability ids to suppress, one per line: ID [exp:YYYY-MM-DD] [# reason] (default ./.drydockignore when present)" };
        var vex = new Option<string[]>("--vex") { Description = "OpenVEX document whose not_affected and fixed statements suppress findings (repeatable)" };
        var showSuppressed = new Option<bool>("--show-suppressed") { Description = "List suppressed findings in the table output" };
        var scannersOption = new Option<string>("--scanners") { Description = $"Scanners to run besides the inventory, comma-separated ({string.Join(",", ScannerNames.All)})", DefaultValueFactory = _ => ScannerNames.Format(Scanners.All) };
        var failOnMalware = new Option<bool>("--fail-on-malware") { Description = "Exit with code 1 when the malware verdict is malicious" };
        var noPackageFiles = new Option<bool>("--no-package-files") { Description = "SBOMs (cyclonedx, spdx-json): leave out the files each OS package installed (smaller output)" };

        var command = new Command(name, description)
        {
            image, format, output, quiet, platform, failOn, cacheDir, noCache, parallel, username, passwordStdin, insecure,
            maxLayer, maxFile, maxAnalyzed, maxEntries, maxManifest, advisoryDb, severity, ignoreUnfixed, ignoreFile, vex, showSuppressed,
            scannersOption, failOnMalware, noPackageFiles,
        };

        // User rules (--yara-rules, --ioc-file, --clamd): see UserRuleOptions.
        var userRules = new UserRuleOptions();
        userRules.AddTo(command);

        // The hardened base (--db, --ignore-base): see ScanBaseStep.
        var baseStep = new ScanBaseStep();
        baseStep.AddTo(command);

        // Run the image in the sandbox too (--sandbox, --sandbox-timeout, ...): see SandboxOptionSet.
        var sandbox = new Option<bool>("--sandbox") { Description = "Also run the image in the sandbox and add its behaviour to the report and the verdict (Linux, root: docs/sandbox.md)" };
        var sandboxOptions = new SandboxOptionSet("sandbox-");
        command.Options.Add(sandbox);
        foreach (var option in sandboxOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var imageText = parse.GetValue(image)!;
            var outputPath = parse.GetValue(output);
            var finish = handler?.Invoke(parse) ?? (async (report, ct) =>
            {
                await WriteReportAsync(WriterFor(parse.GetValue(format)!, outputPath, context, parse.GetValue(showSuppressed), !parse.GetValue(noPackageFiles)), report, outputPath, context, ct).ConfigureAwait(false);
                var exit = ExitCodeFor(report, parse.GetValue(failOn));
                return exit == ExitCodes.Success && parse.GetValue(failOnMalware) && report.Verdict?.Verdict == VerdictKind.Malicious ? ExitCodes.Findings : exit;
            });
            var vulnerabilityFilter = BuildFilter(parse.GetValue(severity), parse.GetValue(ignoreUnfixed), parse.GetValue(ignoreFile), parse.GetValue(vex), defaultIgnoreFile: handler is null);
            var advisoryPath = parse.GetValue(advisoryDb);
            var scanners = ParseScanners(parse.GetValue(scannersOption)!);
            if (imageText.StartsWith("sbom:", StringComparison.Ordinal))
            {
                if (userRules.Given(parse))
                {
                    throw new DrydockInputException("--yara-rules, --ioc-file and --clamd scan files: they need an image, not an SBOM");
                }

                if (parse.GetValue(sandbox))
                {
                    throw new DrydockInputException("--sandbox runs an image: an SBOM holds none to run");
                }

                var fromSbom = await SbomReader.ReadFileAsync(imageText["sbom:".Length..], cancellationToken).ConfigureAwait(false);
                fromSbom = fromSbom with { Scanners = [.. ScannerNames.Format(scanners & Scanners.Vulnerabilities).Split(',', StringSplitOptions.RemoveEmptyEntries)] };
                if (scanners.HasFlag(Scanners.Vulnerabilities))
                {
                    fromSbom = MatchVulnerabilities(fromSbom, advisoryPath, vulnerabilityFilter);
                }

                return await finish(fromSbom, cancellationToken).ConfigureAwait(false);
            }

            var reference = ImageReference.Parse(imageText);
            var sandboxRun = parse.GetValue(sandbox) ? sandboxOptions.Read(parse) : null;
            var limits = InputLimits.Default;
            if (parse.GetValue(maxLayer) is { } ml)
            {
                limits = limits with { MaxLayerBytes = Size(ml, "--max-layer-size") };
            }

            if (parse.GetValue(maxFile) is { } mf)
            {
                limits = limits with { MaxFileBytes = Size(mf, "--max-file-size") };
            }

            if (parse.GetValue(maxAnalyzed) is { } ma)
            {
                limits = limits with { MaxAnalyzedFileBytes = Math.Min(Size(ma, "--max-analyzed-file-size"), int.MaxValue - 64) };
            }

            if (parse.GetValue(maxEntries) is { } me)
            {
                limits = limits with { MaxEntries = me > 0 ? me : throw new DrydockInputException("--max-entries must be positive") };
            }

            var source = new SourceOptions
            {
                Platform = parse.GetValue(platform) is { } p ? ParsePlatform(p) : null,
                InsecureRegistries = new HashSet<string>(parse.GetValue(insecure) ?? [], StringComparer.OrdinalIgnoreCase),
                Credential = await ReadCredentialAsync(parse.GetValue(username), parse.GetValue(passwordStdin), context).ConfigureAwait(false),
            };
            if (parse.GetValue(maxManifest) is { } mm)
            {
                source = source with { MaxManifestBytes = Size(mm, "--max-manifest-size") };
            }

            source = adjustSource?.Invoke(source) ?? source;

            var parallelism = parse.GetValue(parallel);
            if (parallelism < 1)
            {
                throw new DrydockInputException("--parallel must be at least 1");
            }

            var cacheDirectory = parse.GetValue(cacheDir) ?? CachePaths.DefaultCacheDirectory();
            var options = new ScanOptions
            {
                Source = source,
                Limits = limits,
                Parallelism = parallelism,
                ScratchDirectory = Path.Combine(cacheDirectory, "tmp"),
            };
            await using ILayerResultStore cache = parse.GetValue(noCache)
                ? new NoLayerResultStore()
                : await SqliteLayerResultStore.OpenAsync(cacheDirectory, cancellationToken).ConfigureAwait(false);
            using var loadedRules = userRules.Load(parse, scanners);
            var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.For(scanners, loadedRules.Analyzers), cache);

            ScanResult result;
            if (parse.GetValue(quiet))
            {
                result = await scanner.ScanAsync(reference, options, null, cancellationToken).ConfigureAwait(false);
            }
            else if (context.ErrorIsTerminal)
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) });
                result = await new LiveScanProgress(console).RunAsync(o => scanner.ScanAsync(reference, options, o, cancellationToken)).ConfigureAwait(false);
            }
            else
            {
                result = await scanner.ScanAsync(reference, options, new PlainScanObserver(context.Error), cancellationToken).ConfigureAwait(false);
            }

            using var store = AdvisoryDatabase.Open(advisoryPath, DbCommand.DefaultDatabasePath(), scanners, out var noDatabase);
            await using var catalog = await baseStep.OpenCatalogAsync(parse, cancellationToken).ConfigureAwait(false);
            var steps = new ReportSteps
            {
                Scanners = scanners,
                Advisories = store,
                AdvisoriesMissing = noDatabase,
                Filter = vulnerabilityFilter,
                Catalog = catalog is null ? null : new SqlBaseCatalogStore(catalog),
                IgnoreBase = baseStep.IgnoreBase(parse),
                NoteMissingCatalogIn = handler is null ? null : baseStep.CatalogLocation(parse),
            };
            var report = loadedRules.AddWarningsTo(await ReportAssembler.AssembleAsync(result, steps, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false));
            if (sandboxRun is not null)
            {
                if (!OperatingSystem.IsLinux())
                {
                    throw new DrydockInputException("--sandbox runs on Linux only");
                }

                var behaviour = await new SandboxAssessment(new ImageOpener(DefaultImageSources.Create()))
                    .RunAsync(reference, source, sandboxRun, cancellationToken).ConfigureAwait(false);
                report = SandboxAssessment.Add(report, behaviour);
            }

            return await finish(report, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static IReportWriter WriterFor(string format, string? outputPath, CliContext context, bool showSuppressed, bool packageFiles) => format switch
    {
        "json" => new JsonReportWriter(),
        "cyclonedx" => new CycloneDxReportWriter { PackageFiles = packageFiles },
        "spdx-json" => new SpdxReportWriter { PackageFiles = packageFiles },
        "sarif" => new SarifReportWriter(),
        _ => new TableReportWriter(color: outputPath is null && context.OutputIsTerminal) { ShowSuppressed = showSuppressed },
    };

    // The advisory database is optional: without one the scan still inventories, and says that it did not match.
    private static ScanReport MatchVulnerabilities(ScanReport report, string? advisoryPath, VulnerabilityFilter filter)
    {
        var path = advisoryPath ?? DbCommand.DefaultDatabasePath();
        if (!File.Exists(path))
        {
            if (advisoryPath is not null)
            {
                throw new DrydockInputException($"--advisory-db {advisoryPath}: no such file (build one with 'drydock db build')");
            }

            return report with
            {
                Warnings = [.. report.Warnings, new Diagnostic("no-advisory-database", $"no advisory database at {path}: vulnerabilities were not checked (run 'drydock db build' or 'drydock db update')")],
            };
        }

        using var store = AdvisoryStore.Open(path);
        return VulnerabilityReportBuilder.Add(report, new VulnerabilityMatcher(store), filter);
    }

    internal static Scanners ParseScanners(string text)
    {
        try
        {
            return ScannerNames.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DrydockInputException("--scanners: " + e.Message);
        }
    }

    // A command with its own verdict (policy check) reads an ignore file only when named: a ./.drydockignore dropped into a
    // repository must not weaken a gate unseen.
    private static VulnerabilityFilter BuildFilter(string? severities, bool ignoreUnfixed, string? ignoreFile, string[]? vex, bool defaultIgnoreFile)
    {
        HashSet<string>? wanted = null;
        if (severities is not null)
        {
            wanted = severities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet();
            if (wanted.FirstOrDefault(s => !Severities.Contains(s)) is { } bad)
            {
                throw new DrydockInputException($"--severity: unknown severity '{bad}' (use {string.Join(", ", Severities)})");
            }
        }

        var ignorePath = ignoreFile ?? (defaultIgnoreFile && File.Exists(".drydockignore") ? ".drydockignore" : null);
        return new VulnerabilityFilter
        {
            Severities = wanted,
            IgnoreUnfixed = ignoreUnfixed,
            IgnoreFile = ignorePath is null ? null : IgnoreFile.Load(ignorePath),
            Vex = [.. (vex ?? []).Select(OpenVexDocument.Load)],
        };
    }

    // Exit code 1 when a shown vulnerability, secret or misconfiguration is at or over --fail-on (SeverityGate).
    private static int ExitCodeFor(ScanReport report, string? failOn)
        => failOn is not null && SeverityGate.Fails(report, failOn) ? ExitCodes.Findings : ExitCodes.Success;

    private static Task WriteReportAsync(IReportWriter writer, ScanReport report, string? outputPath, CliContext context, CancellationToken cancellationToken)
        => WriteOutputAsync((output, ct) => writer.WriteAsync(report, output, ct), outputPath, context, cancellationToken);

    /// <summary>Writes to standard output, or to <paramref name="outputPath"/> atomically (devices and pipes directly).</summary>
    internal static async Task WriteOutputAsync(Func<TextWriter, CancellationToken, Task> write, string? outputPath, CliContext context, CancellationToken cancellationToken)
    {
        if (outputPath is null)
        {
            await write(context.Output, cancellationToken).ConfigureAwait(false);
            await context.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var full = Path.GetFullPath(outputPath);
        if (ExistsAsNonRegularFile(full))
        {
            // A device (/dev/null, /dev/stdout) or a pipe: write to it directly, never rename over it.
            await using var direct = new StreamWriter(new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite));
            await write(direct, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Write next to the target and rename, so an interrupted scan never leaves half a report.
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            await using (var file = new StreamWriter(temp))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new DrydockInputException($"cannot write the report to {outputPath}: {e.Message}", e);
        }
    }

    // Anything that exists and is not a regular file (a device, a FIFO, a socket), following symlinks.
    private static bool ExistsAsNonRegularFile(string path)
    {
        try
        {
            return Sources.Archives.FileStatus.Of(path, followSymlink: true).Type is not (Sources.Archives.LocalFileType.Regular or Sources.Archives.LocalFileType.Directory);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    internal static async Task<RegistryCredential?> ReadCredentialAsync(string? username, bool passwordStdin, CliContext context)
    {
        if (username is null && !passwordStdin)
        {
            return null;
        }

        if (username is null || !passwordStdin)
        {
            throw new DrydockInputException("--username and --password-stdin go together");
        }

        var password = (await context.Input.ReadToEndAsync().ConfigureAwait(false)).TrimEnd('\r', '\n');
        if (password.Length == 0)
        {
            throw new DrydockInputException("--password-stdin: no password on standard input");
        }

        return new RegistryCredential(username, password);
    }

    internal static Platform ParsePlatform(string text)
    {
        try
        {
            return Platform.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DrydockInputException("--platform: " + e.Message);
        }
    }

    private static long Size(string text, string flag)
    {
        try
        {
            return SizeParser.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DrydockInputException($"{flag}: {e.Message}");
        }
    }
}
