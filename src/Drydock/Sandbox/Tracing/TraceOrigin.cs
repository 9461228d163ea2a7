namespace Drydock.Sandbox.Tracing;

/// <summary>What the tracer knew at the start: the traced process's working directory (relative paths resolve from
/// it), the attached pid (null: the first pid in the trace) and that process's other threads (attached together).</summary>
public sealed record TraceOrigin(string WorkingDirectory = "/", int? RootPid = null, IReadOnlyCollection<int>? RootThreads = null);
