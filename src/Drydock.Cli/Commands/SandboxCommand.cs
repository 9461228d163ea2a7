using System.CommandLine;
using System.Text.Json;
using Drydock.Assessment;
using Drydock.Detection.Malware;
using Drydock.References;
using Drydock.Reporting.Table;
using Drydock.Sandbox.Behaviour;
using Drydock.Sources;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock sandbox IMAGE</c>: run the image's Entrypoint and Cmd in an isolated container and report what it
/// did (docs/sandbox.md). Exit 0 when nothing suspicious was seen, 1 for a suspicious or malicious verdict, 2 for bad input.</summary>
public static class SandboxCommand
{
    /// <summary>Builds <c>drydock sandbox</c>.</summary>
    public static Command Create(CliContext context)
    {
        var image = new Argument<string?>("IMAGE") { Description = "The image: a registry reference, oci:DIR[:TAG], docker-archive:FILE, dir:ROOTFS", Arity = ArgumentArity.ZeroOrOne };
        var cleanup = new Option<bool>("--cleanup") { Description = "Run nothing: remove what runs killed before their clean-up left (container, mount, network namespaces, folder) and say what" };
        var format = new Option<string>("--format", "-f") { Description = "Report format", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output" };
        var platform = new Option<string?>("--platform") { Description = "The platform to pick from a multi-platform image (default: this machine's)" };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Allow plain HTTP to this registry host[:port] (loopback is always allowed)" };
        var sandbox = new SandboxOptionSet("");
        var command = new Command("sandbox", "Run the image in an isolated sandbox (runc, user namespace, a sink network that logs every attempt) and report its behaviour")
        {
            image, format, output, platform, insecure, cleanup,
        };
        foreach (var option in sandbox.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new DrydockInputException("the sandbox runs on Linux only");
            }

            if (parse.GetValue(cleanup))
            {
                return parse.GetValue(image) is null
                    ? await SandboxCleanup.RunAsync(sandbox.WorkDirectory(parse), context, cancellationToken).ConfigureAwait(false)
                    : throw new DrydockInputException("--cleanup runs nothing: give it no IMAGE");
            }

            var options = sandbox.Read(parse);
            var reference = ImageReference.Parse(parse.GetValue(image) ?? throw new DrydockInputException("IMAGE is required (or --cleanup)"));
            var source = new SourceOptions
            {
                Platform = parse.GetValue(platform) is { } p ? ScanCommand.ParsePlatform(p) : null,
                InsecureRegistries = new HashSet<string>(parse.GetValue(insecure) ?? [], StringComparer.OrdinalIgnoreCase),
            };
            var behaviour = await new SandboxAssessment(new ImageOpener(DefaultImageSources.Create())).RunAsync(reference, source, options, cancellationToken).ConfigureAwait(false);
            await ScanCommand.WriteOutputAsync((writer, ct) => WriteAsync(behaviour, parse.GetValue(format)!, writer, parse.GetValue(output) is null && context.OutputIsTerminal, ct),
                parse.GetValue(output), context, cancellationToken).ConfigureAwait(false);
            return behaviour.Verdict == VerdictKind.Clean ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static async Task WriteAsync(BehaviourReport behaviour, string format, TextWriter writer, bool color, CancellationToken cancellationToken)
    {
        if (format == "json")
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(behaviour, BehaviourJsonContext.Default.BehaviourReport).AsMemory(), cancellationToken).ConfigureAwait(false);
            return;
        }

        BehaviourTable.Write(behaviour, TableReportWriter.ConsoleFor(writer, color));
    }
}
