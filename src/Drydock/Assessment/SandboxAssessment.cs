using Drydock.Analysis;
using Drydock.Detection.Malware;
using Drydock.LayerCache;
using Drydock.References;
using Drydock.Reporting;
using Drydock.Sandbox;
using Drydock.Sandbox.Behaviour;
using Drydock.Sandbox.Runtime;
using Drydock.Sandbox.Tracing;
using Drydock.Scanning;
using Drydock.Sources;

namespace Drydock.Assessment;

/// <summary>Runs an image in the sandbox and reports its behaviour: the run, the trace, the sink's observations, and
/// the malicious-content scanners over every file the run wrote (its writable layer, scanned as a root filesystem).</summary>
/// <param name="opener">Opens the image.</param>
/// <param name="network">Makes each run's network (the sink by default; tests watch what it creates).</param>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxAssessment(ImageOpener opener, Func<SandboxOptions, string, CancellationToken, Task<ISandboxNetwork>>? network = null)
{
    /// <summary>The behaviour of <paramref name="reference"/>.</summary>
    /// <exception cref="SandboxException">The host cannot run the sandbox, or setting it up failed.</exception>
    public async Task<BehaviourReport> RunAsync(ImageReference reference, SourceOptions source, SandboxOptions options, CancellationToken cancellationToken)
    {
        var image = await opener.OpenAsync(reference, source, cancellationToken).ConfigureAwait(false);
        await using (image.ConfigureAwait(false))
        {
            var runner = new SandboxRunner(network ?? SinkSandboxNetwork.CreateAsync, options.Trace ? new StraceArguments(new StraceInvocation()) : null);
            var observation = await runner.RunAsync(image, options, cancellationToken).ConfigureAwait(false);
            await using (observation.ConfigureAwait(false))
            {
                TraceSummary? trace = null;
                if (observation.Run.TraceFile is { } file)
                {
                    using var reader = File.OpenText(file);
                    trace = RuntimeSetupFilter.Apply(await ProcessTreeBuilder.SummarizeAsync(reader,
                        new TraceOrigin(observation.WorkingDirectory, observation.InitPid, observation.InitThreads), null, cancellationToken).ConfigureAwait(false));
                }

                // The sink's services finish logging the connections still open when they stop.
                await observation.Network.DisposeAsync().ConfigureAwait(false);
                var network = (observation.Network as SinkSandboxNetwork)?.Sink.Observations();
                var dropped = await ScanWrittenFilesAsync(observation.UpperDirectory, options, cancellationToken).ConfigureAwait(false);
                return BehaviourReportBuilder.Build(observation.Run, options, trace, network, dropped);
            }
        }
    }

    /// <summary>Adds a behaviour report to a scan report: the <c>behaviour</c> section, its reasons and dropped-file
    /// findings among the malware findings, and the verdict over all of them.</summary>
    public static ScanReport Add(ScanReport report, BehaviourReport behaviour)
    {
        List<MalwareFinding> malware = [.. report.Malware, .. BehaviourJudge.Findings(behaviour.Reasons), .. behaviour.DroppedFileFindings];
        return report with
        {
            Behaviour = behaviour,
            Malware = malware,
            Verdict = MalwareVerdict.Of(malware),
            Scanners = report.Scanners.Contains("sandbox") ? report.Scanners : [.. report.Scanners, "sandbox"],
        };
    }

    private static async Task<IReadOnlyList<MalwareFinding>> ScanWrittenFilesAsync(string upper, SandboxOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(upper) || !Directory.EnumerateFileSystemEntries(upper).Any())
        {
            return [];
        }

        var scanner = new ImageScanner(new ImageOpener(DefaultImageSources.Create()), AnalyzerCatalog.For(Scanners.Malware), new NoLayerResultStore());
        var scanOptions = new ScanOptions { Limits = options.InputLimits };
        var result = await scanner.ScanAsync(ImageReference.ForLocal(ImageTransport.RootFs, upper), scanOptions, null, cancellationToken).ConfigureAwait(false);
        var report = await ReportAssembler.AssembleAsync(result, new ReportSteps { Scanners = Scanners.Malware }, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        return [.. report.Malware.Select(f => f with { Source = "sandbox-file", Layer = null })];
    }
}
