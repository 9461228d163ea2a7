namespace Drydock.Sandbox.Runtime;

/// <summary>How the container's run ended.</summary>
/// <param name="WallSeconds">From start to the last process's exit (or the kill).</param>
/// <param name="TimedOut">The wall-clock limit was reached and the container killed.</param>
/// <param name="Resources">What the cgroup counted.</param>
/// <param name="Output">The start of the container's standard output and error.</param>
public sealed record ContainerOutcome(double WallSeconds, bool TimedOut, ResourceUsage Resources, CapturedOutput Output);
