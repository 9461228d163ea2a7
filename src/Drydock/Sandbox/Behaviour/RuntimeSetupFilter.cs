using Drydock.Sandbox.Tracing;

namespace Drydock.Sandbox.Behaviour;

/// <summary>Leaves out what the OCI runtime's own init did in the container's first process before it executed the
/// image's program (opening its exec fifo, reading /proc/self/fd): that is the sandbox at work, not the image.</summary>
public static class RuntimeSetupFilter
{
    /// <summary>The trace without the first process's calls before its first successful exec.</summary>
    public static TraceSummary Apply(TraceSummary trace)
    {
        var root = trace.Processes.FirstOrDefault(p => p.ParentId is null);
        var firstExec = root?.Execs.Where(e => e.Error is null).Select(e => (double?)e.TimeMs).Min();
        if (root is null || firstExec is not { } start)
        {
            return trace;
        }

        return trace with
        {
            FileOperations = [.. trace.FileOperations.Where(o => o.ProcessId != root.Id || o.TimeMs >= start)],
            Connects = [.. trace.Connects.Where(c => c.ProcessId != root.Id || c.TimeMs >= start)],
        };
    }
}
