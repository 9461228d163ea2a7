namespace Drydock.Sandbox.Bundle;

/// <summary>The cgroup limits of a sandboxed container.</summary>
/// <param name="MemoryBytes">Memory limit (swap included).</param>
/// <param name="Pids">Most tasks alive at once: a fork bomb stops here.</param>
/// <param name="Cpus">CPU share as a number of cores (quota over period).</param>
public sealed record ResourceLimits(long MemoryBytes, int Pids, double Cpus)
{
    /// <summary>512 MiB, 256 tasks, one core.</summary>
    public static ResourceLimits Default { get; } = new(512L * 1024 * 1024, 256, 1.0);
}
