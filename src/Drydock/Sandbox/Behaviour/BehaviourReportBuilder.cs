using Drydock.Detection.Malware;
using Drydock.Sandbox.Network;
using Drydock.Sandbox.Tracing;

namespace Drydock.Sandbox.Behaviour;

/// <summary>Builds the <c>behaviour</c> section from one run's observations.</summary>
public static class BehaviourReportBuilder
{
    /// <summary>The report of <paramref name="run"/>, with the trace, the sink's observations and the findings in the files the run created.</summary>
    public static BehaviourReport Build(SandboxRun run, SandboxOptions options, TraceSummary? trace, NetworkObservations? network,
        IReadOnlyList<MalwareFinding> droppedFileFindings)
    {
        var reasons = BehaviourJudge.Reasons(trace, network, run.Files);
        var outcome = run.Outcome;
        var resources = new BehaviourResources(
            Math.Round(outcome.Resources.CpuSeconds, 3), outcome.Resources.PeakMemoryBytes, outcome.WallSeconds,
            BehaviourJudge.IsCpuBurn(outcome.Resources.CpuSeconds, outcome.WallSeconds),
            outcome.Resources.PidsLimitHits, outcome.Resources.OomKills);
        var warnings = new List<Diagnostic>(run.Extraction.Warnings);
        if (trace is { UnparsedLines: > 0 } t)
        {
            warnings.Add(new Diagnostic("sandbox-trace-unparsed", $"{t.UnparsedLines} trace lines could not be read"));
        }

        if (resources.PidsLimitHits > 0)
        {
            warnings.Add(new Diagnostic("sandbox-pids-limit", $"the pids limit ({options.Limits.Pids}) refused {resources.PidsLimitHits} forks"));
        }

        if (resources.OomKills > 0)
        {
            warnings.Add(new Diagnostic("sandbox-memory-limit", $"{resources.OomKills} processes were killed at the memory limit ({options.Limits.MemoryBytes:N0} bytes)"));
        }

        var verdict = MalwareVerdict.Of([.. BehaviourJudge.Findings(reasons), .. droppedFileFindings]);
        return new BehaviourReport
        {
            Command = run.Arguments,
            User = run.User,
            Network = options.Network == SandboxNetworkMode.None ? "none" : "sink",
            TimeoutSeconds = options.Timeout.TotalSeconds,
            TimedOut = outcome.TimedOut,
            ExitCode = trace?.Processes.FirstOrDefault()?.ExitCode,
            Stdout = outcome.Output.Stdout,
            Stderr = outcome.Output.Stderr,
            Processes = trace?.Processes ?? [],
            SocketCalls = trace?.Connects ?? [],
            NetworkActivity = network,
            Files = run.Files,
            FileOperations = trace?.FileOperations ?? [],
            Resources = resources,
            DroppedFileFindings = droppedFileFindings,
            Verdict = verdict.Verdict,
            Reasons = reasons,
            Dropped = run.DroppedFileChanges + (trace?.DroppedEvents ?? 0) + (network?.Dropped ?? 0),
            Warnings = warnings,
        };
    }
}
