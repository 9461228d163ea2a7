namespace Drydock.Sandbox.Runtime;

/// <summary>What a sweep of a sandbox work folder did.</summary>
/// <param name="Removed">The dead runs it removed.</param>
/// <param name="LiveRuns">Runs left alone because their owner is alive (or another sweep holds them).</param>
public sealed record SandboxSweep(IReadOnlyList<SweptRun> Removed, int LiveRuns);
