using Drydock.Detection.Malware;
using Drydock.Sandbox.Files;
using Drydock.Sandbox.Network;
using Drydock.Sandbox.Tracing;

namespace Drydock.Sandbox.Behaviour;

/// <summary>What the image did when it ran in the sandbox: the report's <c>behaviour</c> section.</summary>
public sealed record BehaviourReport
{
    /// <summary>The program started: Entrypoint and Cmd, as run.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The container user, uid:gid.</summary>
    public required string User { get; init; }

    /// <summary><c>sink</c> or <c>none</c>.</summary>
    public required string Network { get; init; }

    /// <summary>The wall-clock limit in seconds.</summary>
    public required double TimeoutSeconds { get; init; }

    /// <summary>True when the limit was reached and every process killed.</summary>
    public required bool TimedOut { get; init; }

    /// <summary>The exit status of the first process, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The start of standard output.</summary>
    public string Stdout { get; init; } = "";

    /// <summary>The start of standard error.</summary>
    public string Stderr { get; init; } = "";

    /// <summary>Every program executed, depth first (ids are renumbered, never host pids).</summary>
    public IReadOnlyList<TracedProcess> Processes { get; init; } = [];

    /// <summary>Connect, send and bind calls as the tracer saw them, by process.</summary>
    public IReadOnlyList<TracedConnect> SocketCalls { get; init; } = [];

    /// <summary>What the sink's services saw (null with <c>--network none</c>).</summary>
    public NetworkObservations? NetworkActivity { get; init; }

    /// <summary>Files created, modified, deleted or made executable, from the writable layer.</summary>
    public IReadOnlyList<FileChange> Files { get; init; } = [];

    /// <summary>File operations by process, as the tracer saw them.</summary>
    public IReadOnlyList<TracedFileOperation> FileOperations { get; init; } = [];

    /// <summary>CPU, memory, the CPU-burn flag and limit hits.</summary>
    public required BehaviourResources Resources { get; init; }

    /// <summary>Malicious-content findings in the executables the run created.</summary>
    public IReadOnlyList<MalwareFinding> DroppedFileFindings { get; init; } = [];

    /// <summary>clean ("nothing suspicious"), suspicious or malicious.</summary>
    public required VerdictKind Verdict { get; init; }

    /// <summary>Why: one entry per behaviour rule that matched.</summary>
    public IReadOnlyList<BehaviourReason> Reasons { get; init; } = [];

    /// <summary>Events the limits left out (trace, file changes, network).</summary>
    public int Dropped { get; init; }

    /// <summary>Oddities of the run (unpack warnings, unreadable trace lines).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}
