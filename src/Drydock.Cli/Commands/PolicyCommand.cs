using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Drydock.Policy;
using Drydock.Policy.Output;
using Drydock.Reporting;
using Drydock.Reporting.Json;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock policy check IMAGE --policy FILE</c>: scan as <c>drydock scan</c> does, then evaluate every rule of the
/// policy (docs/policy.md); exit 0 when all pass, 1 when one fails, 2 for a bad policy or bad input.</summary>
public static class PolicyCommand
{
    /// <summary>The formats --format accepts.</summary>
    public static readonly string[] Formats = ["table", "json", "sarif"];

    // Scan options that decide the exit code or hide findings: the policy decides both, so they are refused here (and by promote).
    private static readonly string[] ScanOnlyOptions = ["--fail-on", "--fail-on-malware", "--show-suppressed", "--severity", "--ignore-unfixed"];

    private const string ReportPrefix = "report:";

    /// <summary>Builds <c>drydock policy</c> and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("policy", "Check images against a policy file (allowed registries, hardened base, vulnerabilities, malware, secrets, misconfigurations, age)");
        command.Subcommands.Add(CreateCheck(context));
        return command;
    }

    private static Command CreateCheck(CliContext context)
    {
        var policyOption = new Option<string>("--policy", "-p") { Description = "The policy file (YAML, version 1: see docs/policy.md)", Required = true };
        var check = ScanCommand.Create(context, "check",
            "Scan an image and evaluate every rule of a policy: pass or fail with the reason (exit 0 when all pass, 1 when one fails). IMAGE may also be report:FILE, a saved 'drydock scan --format json' report",
            Formats, "table", parse => Prepare(parse, policyOption, context).Handle);
        check.Options.Add(policyOption);
        HideScanOnlyOptions(check);

        // report:FILE evaluates a saved JSON report without scanning; anything else goes through the scan.
        var scan = (AsynchronousCommandLineAction)check.Action!;
        check.SetAction(async (parse, cancellationToken) =>
        {
            var image = parse.GetValue<string>("IMAGE")!;
            if (!image.StartsWith(ReportPrefix, StringComparison.Ordinal))
            {
                return await scan.InvokeAsync(parse, cancellationToken).ConfigureAwait(false);
            }

            var run = Prepare(parse, policyOption, context);
            return await run.Handle(await ReadReportAsync(image[ReportPrefix.Length..], cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        });
        return check;
    }

    /// <summary>Hides the scan options a policy decides instead (<c>--fail-on</c>, <c>--severity</c>…) from a command built on the scan.</summary>
    internal static void HideScanOnlyOptions(Command command)
    {
        foreach (var option in command.Options.Where(o => ScanOnlyOptions.Contains(o.Name)))
        {
            option.Hidden = true;
        }
    }

    /// <summary>Refuses a scan option the policy decides instead, naming <paramref name="command"/> in the one-line error.</summary>
    internal static void RefuseScanOnlyOptions(ParseResult parse, string command)
    {
        if (parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().FirstOrDefault(r => !r.Implicit && ScanOnlyOptions.Contains(r.Option.Name)) is { } refused)
        {
            throw new DrydockInputException($"{refused.Option.Name} does not apply to '{command}': the policy decides what fails");
        }
    }

    /// <summary>The decision <c>policy check</c> makes for a scanned image (also the gate of <c>promote</c>); <paramref name="image"/>
    /// is the image as typed, null for a saved report.</summary>
    internal static PolicyDecision Decide(PolicyDocument policy, ScanReport report, string? image)
        => PolicyEvaluator.Evaluate(policy, PolicySubjectMapper.From(report, image), DateTimeOffset.UtcNow);

    /// <summary>The decision writer for a --format value.</summary>
    internal static IPolicyDecisionWriter WriterFor(string format) => format switch
    {
        "json" => new PolicyJsonWriter(),
        "sarif" => new PolicySarifWriter(),
        _ => new PolicyTableWriter(),
    };

    /// <summary>Loads the policy before anything is scanned (a bad policy is exit 2 at once) and returns what evaluates the report.</summary>
    private static PolicyRun Prepare(ParseResult parse, Option<string> policyOption, CliContext context)
    {
        RefuseScanOnlyOptions(parse, "policy check");
        var policy = PolicyParser.Load(parse.GetValue(policyOption)!);
        return new PolicyRun(policy, parse.GetValue<string>("IMAGE")!, parse.GetValue<string>("--format")!, parse.GetValue<string?>("--output"), context);
    }

    private static async Task<ScanReport> ReadReportAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonReportWriter.Read(text);
        }
        catch (JsonException e)
        {
            throw new DrydockInputException($"{ReportPrefix}{path}: not a drydock JSON report ({e.Message})", e);
        }
    }

    /// <summary>One evaluation: the policy, the image as typed and where the decision goes.</summary>
    private sealed record PolicyRun(PolicyDocument Policy, string Image, string Format, string? Output, CliContext Context)
    {
        public async Task<int> Handle(ScanReport report, CancellationToken cancellationToken)
        {
            var decision = Decide(Policy, report, Image.StartsWith(ReportPrefix, StringComparison.Ordinal) ? null : Image);
            var writer = WriterFor(Format);
            await ScanCommand.WriteOutputAsync((output, ct) => writer.WriteAsync(decision, output, ct), Output, Context, cancellationToken).ConfigureAwait(false);
            return decision.Passed ? ExitCodes.Success : ExitCodes.Findings;
        }
    }
}
