using System.CommandLine;
using System.CommandLine.Parsing;
using Drydock.Policy;
using Drydock.Policy.Output;
using Drydock.Promotion;
using Drydock.References;
using Drydock.Reporting;
using Drydock.Sources;
using Drydock.Sources.Registry;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock promote SOURCE DEST --policy FILE</c>: scan SOURCE as <c>policy check</c> does, and only when every rule
/// passes copy it (every platform, every blob, manifests byte for byte) into the DEST registry; <c>--as-base</c> also records
/// the result in the hardened base catalog. Exit 0 when promoted, 1 when the policy refused it (nothing copied), 2 for bad input.</summary>
public static class PromoteCommand
{
    /// <summary>The formats --format accepts.</summary>
    public static readonly string[] Formats = ["table", "json"];

    /// <summary>Builds <c>drydock promote</c>.</summary>
    public static Command Create(CliContext context)
    {
        var policyOption = new Option<string>("--policy", "-p") { Description = "The policy the image must pass (YAML, version 1: see docs/policy.md)", Required = true };
        var destination = new Argument<string>("DEST") { Description = "Where to copy it: REGISTRY/REPOSITORY[:TAG|@DIGEST] (credentials: --username/--password-stdin or Docker's config)" };
        var asBase = new Option<bool>("--as-base") { Description = "Also add the promoted image to the hardened base catalog (--db, $DRYDOCK_DB)" };
        var parallel = new Option<int>("--copy-parallel") { Description = "Blobs copied at once", DefaultValueFactory = _ => 4 };

        // One invocation builds one run: the handler factory makes it before the scan, the source hook hands it the registry options.
        PromotionRun? run = null;
        var command = ScanCommand.Create(context, "promote",
            "Copy a registry image into another registry only when it passes a policy: all platforms, every blob (skipped when present, mounted within a registry), digests kept; exit 1 when the policy refuses it",
            Formats, "table",
            parse => (run = Prepare(parse, policyOption, destination, asBase, parallel, context)).HandleAsync,
            source => run!.UseSource(source));
        command.Arguments.Add(destination);
        command.Options.Add(policyOption);
        command.Options.Add(asBase);
        command.Options.Add(parallel);
        PolicyCommand.HideScanOnlyOptions(command);
        return command;
    }

    private static PromotionRun Prepare(ParseResult parse, Option<string> policyOption, Argument<string> destination, Option<bool> asBase, Option<int> parallel, CliContext context)
    {
        PolicyCommand.RefuseScanOnlyOptions(parse, "promote");
        var sourceText = parse.GetValue<string>("IMAGE")!;
        if (sourceText.StartsWith("sbom:", StringComparison.Ordinal) || sourceText.StartsWith("report:", StringComparison.Ordinal))
        {
            throw new DrydockInputException($"promote copies from a registry: '{sourceText}' describes an image but holds none to copy");
        }

        var source = ImageReference.Parse(sourceText).Registry
            ?? throw new DrydockInputException($"promote copies from a registry: '{sourceText}' is not a registry image (push it first, e.g. with skopeo copy)");
        var destText = parse.GetValue(destination)!;
        var dest = (destText.Contains("://", StringComparison.Ordinal) && !destText.StartsWith("docker://", StringComparison.Ordinal) ? null : ImageReference.Parse(destText).Registry)
            ?? throw new DrydockInputException($"promote copies into a registry: '{destText}' is not a registry reference (REGISTRY/REPOSITORY[:TAG])");
        if (parse.GetValue(parallel) < 1)
        {
            throw new DrydockInputException("--copy-parallel must be at least 1");
        }

        var policy = PolicyParser.Load(parse.GetValue(policyOption)!);
        return new PromotionRun(parse, policy, sourceText, source, dest, parse.GetValue(asBase), parse.GetValue<string>("--db"), parse.GetValue(parallel),
            parse.GetValue<string>("--format")!, parse.GetValue<string?>("--output"), context);
    }

    /// <summary>One promotion: the policy, both ends, and where the outcome goes.</summary>
    private sealed class PromotionRun(ParseResult parse, PolicyDocument policy, string sourceText, RegistryReference source, RegistryReference destination, bool asBase,
        string? db, int parallelism, string format, string? output, CliContext context)
    {
        // Options of promote itself, or settled by the first scan: not passed on to the scans of the other platforms.
        private static readonly HashSet<string> NotForwarded = new(StringComparer.Ordinal)
        {
            "--policy", "--as-base", "--copy-parallel", "--username", "--password-stdin", "--format", "--output", "--platform",
        };

        private SourceOptions _options = new();

        /// <summary>Keeps the scan's registry options for the copy; an explicit credential belongs to the destination.</summary>
        public SourceOptions UseSource(SourceOptions options)
        {
            _options = options with { CredentialRegistry = destination.Registry };
            return _options;
        }

        public async Task<int> HandleAsync(ScanReport report, CancellationToken cancellationToken)
        {
            List<PolicyDecision> decisions = [PolicyCommand.Decide(policy, report, sourceText)];
            if (!decisions[0].Passed)
            {
                await WriteAsync(decisions, null, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Findings;
            }

            var registry = new RegistryImageSource();
            await using var from = new RegistryClient(source.Registry, _options, registry.CredentialsFor(source.Registry, _options));
            await using var to = new RegistryClient(destination.Registry, _options, registry.CredentialsFor(destination.Registry, _options));
            var fetched = await from.FetchManifestAsync(source.Repository, source.ManifestReference, cancellationToken).ConfigureAwait(false);
            var root = fetched.Parse(source.ToString());
            EnsureScanned(root, report);

            // Every platform is copied, so every platform must pass: each other image of an index is scanned by its digest.
            foreach (var entry in OtherPlatformImages(root, report.Artifact.Digest))
            {
                var platformImage = source.WithReference(null, Digest.Parse(entry.Digest!)).ToString();
                var decision = PolicyCommand.Decide(policy, await ScanPinnedAsync(platformImage, cancellationToken).ConfigureAwait(false), platformImage);
                decisions.Add(decision);
                if (!decision.Passed)
                {
                    await WriteAsync(decisions, null, cancellationToken).ConfigureAwait(false);
                    return ExitCodes.Findings;
                }
            }
            if (destination.Digest is { } pinned && pinned != root.Digest)
            {
                throw new DrydockInputException($"{destination} pins digest {pinned} but {source} is {root.Digest}: a promotion keeps digests");
            }

            var mountFrom = from.Endpoint.BaseUri == to.Endpoint.BaseUri ? source.Repository : null;
            var progress = parse.GetValue<bool>("--quiet") ? null : new PromotionProgress(context.Error);
            var promoter = new ImagePromoter(to, destination.Repository, new PromotionOptions { Parallelism = parallelism }, progress);
            var result = await promoter.PromoteAsync(new RegistryBlobStore(from, source.Repository), root, mountFrom, destination.Digest is null ? destination.Tag : null, cancellationToken)
                .ConfigureAwait(false);
            if (asBase)
            {
                await PromotionCatalog.AddAsync(destination, result, _options, db, cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(decisions, result, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        // Image manifests of an index other than the one scanned; attestations and other non-platform entries carry no image to check.
        private static IEnumerable<Sources.Manifests.Descriptor> OtherPlatformImages(Sources.Manifests.ManifestDocument root, string? scanned)
            => (root.Index?.Manifests ?? [])
                .Where(m => m.Digest != scanned && MediaTypes.IsImageManifest(m.MediaType) && Digest.TryParse(m.Digest, out _)
                    && m.Platform is { Os: not (null or "unknown"), Architecture: not (null or "unknown") });

        /// <summary>Scans one more image exactly as the first scan ran (the same options, the same registry options), for its report.</summary>
        private async Task<ScanReport> ScanPinnedAsync(string reference, CancellationToken cancellationToken)
        {
            ScanReport? scanned = null;
            var command = ScanCommand.Create(context, "promote", "scan of one platform", Formats, "table",
                _ => (report, _) =>
                {
                    scanned = report;
                    return Task.FromResult(ExitCodes.Success);
                },
                _ => _options);
            List<string> args = [reference];
            foreach (var given in parse.CommandResult.Children.OfType<OptionResult>().Where(r => !r.Implicit && !NotForwarded.Contains(r.Option.Name)))
            {
                if (given.Tokens.Count == 0)
                {
                    args.Add(given.Option.Name);
                }

                foreach (var token in given.Tokens)
                {
                    args.AddRange([given.Option.Name, token.Value]);
                }
            }

            var platformParse = command.Parse(args);
            if (platformParse.Errors.Count > 0)
            {
                throw new DrydockInputException($"cannot scan {reference}: {platformParse.Errors[0].Message}");
            }

            await platformParse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Output, Error = context.Error }, cancellationToken)
                .ConfigureAwait(false);
            return scanned ?? throw new InvalidOperationException($"the scan of {reference} produced no report");
        }

        // The copy must be the image that was scanned: a tag moved between the scan and the copy is an error, not a silent swap.
        private void EnsureScanned(Sources.Manifests.ManifestDocument root, ScanReport report)
        {
            var scanned = report.Artifact.Digest;
            var same = scanned == root.Digest.ToString() || (root.Index?.Manifests ?? []).Any(m => m.Digest == scanned);
            if (!same)
            {
                throw new DrydockInputException($"{sourceText} changed between the scan and the copy (now {root.Digest}, scanned {scanned ?? "unknown"}); run promote again");
            }
        }

        private Task WriteAsync(IReadOnlyList<PolicyDecision> decisions, PromotionResult? result, CancellationToken cancellationToken)
            => ScanCommand.WriteOutputAsync(async (writer, ct) =>
            {
                if (format == "json")
                {
                    await PromotionJson.WriteAsync(decisions, result, asBase, writer, ct).ConfigureAwait(false);
                    return;
                }

                foreach (var decision in decisions)
                {
                    await new PolicyTableWriter().WriteAsync(decision, writer, ct).ConfigureAwait(false);
                }

                var failed = decisions.FirstOrDefault(d => !d.Passed);
                await writer.WriteLineAsync(failed is null ? PromotionJson.Summary(result!, asBase)
                    : $"not promoted: {failed.Image.Reference}{(failed.Image.Digest is { } d && !failed.Image.Reference.Contains(d, StringComparison.Ordinal) ? $" ({d})" : "")} fails the policy; nothing was copied to {destination}").ConfigureAwait(false);
            }, output, context, cancellationToken);
    }
}
