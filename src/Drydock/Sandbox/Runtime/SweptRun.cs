namespace Drydock.Sandbox.Runtime;

/// <summary>A dead run's leftovers that a sweep removed.</summary>
/// <param name="RunId">The run (container id).</param>
/// <param name="OwnerPid">The pid of the process that ran it, now gone.</param>
/// <param name="Removed">What was removed, one item each: <c>container ID</c>, <c>mount PATH</c>, <c>netns NAME</c>, <c>cgroup PATH</c>, <c>folder PATH</c>.</param>
public sealed record SweptRun(string RunId, int OwnerPid, IReadOnlyList<string> Removed);
