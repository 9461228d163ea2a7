using System.Globalization;
using Drydock.Sandbox.Runtime;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock sandbox --cleanup</c>: sweeps the work folder of runs whose owner died before its clean-up and
/// prints, a line per run, what was removed.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SandboxCleanup
{
    /// <summary>Sweeps <paramref name="workDirectory"/> and reports to the context's output; exit code 0.</summary>
    public static async Task<int> RunAsync(string workDirectory, CliContext context, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new DrydockInputException("sandbox --cleanup needs root (runc state, mounts and network namespaces are root's)");
        }

        var sweep = await new SandboxSweeper(workDirectory).SweepAsync(cancellationToken).ConfigureAwait(false);
        foreach (var run in sweep.Removed)
        {
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"removed {run.RunId} (owner pid {run.OwnerPid} gone): {string.Join(", ", run.Removed)}")).ConfigureAwait(false);
        }

        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{sweep.Removed.Count} dead run(s) removed, {sweep.LiveRuns} live run(s) left alone in {workDirectory}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
