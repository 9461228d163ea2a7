namespace Drydock.Sandbox.Runtime;

/// <summary>What the container's cgroup counted while it ran.</summary>
/// <param name="CpuSeconds">CPU time of every task, user and system.</param>
/// <param name="PeakMemoryBytes">The highest memory use (0 when the kernel does not say).</param>
/// <param name="PidsLimitHits">Forks refused because the pids limit was reached.</param>
/// <param name="OomKills">Tasks killed because the memory limit was reached.</param>
public sealed record ResourceUsage(double CpuSeconds, long PeakMemoryBytes, long PidsLimitHits, long OomKills)
{
    /// <summary>Nothing measured.</summary>
    public static ResourceUsage Empty { get; } = new(0, 0, 0, 0);
}
