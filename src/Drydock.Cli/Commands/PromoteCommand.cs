using System.CommandLine;
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
        return new PromotionRun(policy, sourceText, source, dest, parse.GetValue(asBase), parse.GetValue<string>("--db"), parse.GetValue(parallel),
            parse.GetValue<string>("--format")!, parse.GetValue<string?>("--output"), context);
    }

    /// <summary>One promotion: the policy, both ends, and where the outcome goes.</summary>
    private sealed class PromotionRun(PolicyDocument policy, string sourceText, RegistryReference source, RegistryReference destination, bool asBase, string? db,
        int parallelism, string format, string? output, CliContext context)
    {
        private SourceOptions _options = new();

        /// <summary>Keeps the scan's registry options for the copy; an explicit credential belongs to the destination.</summary>
        public SourceOptions UseSource(SourceOptions options)
        {
            _options = options with { CredentialRegistry = destination.Registry };
            return _options;
        }

        public async Task<int> HandleAsync(ScanReport report, CancellationToken cancellationToken)
        {
            var decision = PolicyCommand.Decide(policy, report, sourceText);
            if (!decision.Passed)
            {
                await WriteAsync(decision, null, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Findings;
            }

            var registry = new RegistryImageSource();
            await using var from = new RegistryClient(source.Registry, _options, registry.CredentialsFor(source.Registry, _options));
            await using var to = new RegistryClient(destination.Registry, _options, registry.CredentialsFor(destination.Registry, _options));
            var fetched = await from.FetchManifestAsync(source.Repository, source.ManifestReference, cancellationToken).ConfigureAwait(false);
            var root = fetched.Parse(source.ToString());
            EnsureScanned(root, report);
            if (destination.Digest is { } pinned && pinned != root.Digest)
            {
                throw new DrydockInputException($"{destination} pins digest {pinned} but {source} is {root.Digest}: a promotion keeps digests");
            }

            var mountFrom = from.Endpoint.BaseUri == to.Endpoint.BaseUri ? source.Repository : null;
            var promoter = new ImagePromoter(to, destination.Repository, new PromotionOptions { Parallelism = parallelism });
            var result = await promoter.PromoteAsync(new RegistryBlobStore(from, source.Repository), root, mountFrom, destination.Digest is null ? destination.Tag : null, cancellationToken)
                .ConfigureAwait(false);
            if (asBase)
            {
                await PromotionCatalog.AddAsync(destination, result, _options, db, cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(decision, result, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
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

        private Task WriteAsync(PolicyDecision decision, PromotionResult? result, CancellationToken cancellationToken)
            => ScanCommand.WriteOutputAsync(async (writer, ct) =>
            {
                if (format == "json")
                {
                    await PromotionJson.WriteAsync(decision, result, asBase, writer, ct).ConfigureAwait(false);
                    return;
                }

                await new PolicyTableWriter().WriteAsync(decision, writer, ct).ConfigureAwait(false);
                await writer.WriteLineAsync(result is null
                    ? $"not promoted: {sourceText} fails the policy; nothing was copied to {destination}"
                    : PromotionJson.Summary(result, asBase)).ConfigureAwait(false);
            }, output, context, cancellationToken);
    }
}
