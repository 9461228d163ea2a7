namespace Drydock.Sandbox.Behaviour;

/// <summary>The container's resource use and the CPU-burn flag (a miner keeps its CPU busy).</summary>
/// <param name="CpuSeconds">CPU time of every process.</param>
/// <param name="PeakMemoryBytes">The highest memory use.</param>
/// <param name="WallSeconds">How long the run lasted.</param>
/// <param name="CpuBurn">At least <see cref="BehaviourJudge.CpuBurnSeconds"/> of CPU, busy for most of the run.</param>
/// <param name="PidsLimitHits">Forks refused by the pids limit (a fork bomb).</param>
/// <param name="OomKills">Processes killed at the memory limit.</param>
public sealed record BehaviourResources(double CpuSeconds, long PeakMemoryBytes, double WallSeconds, bool CpuBurn, long PidsLimitHits, long OomKills);
