namespace Drydock.Sandbox.Tracing;

/// <summary>What the traced processes did, with processes renumbered deterministically (never host pids): the same
/// image run twice gives the same summary apart from the times.</summary>
/// <param name="Processes">Depth-first: each parent before its children, children in the order the parent created them.</param>
/// <param name="Connects">Socket calls with a destination, by process then program order.</param>
/// <param name="FileOperations">Successful file changes, by process then program order.</param>
/// <param name="ReverseShells">Shells started with a socket on stdin, stdout or stderr.</param>
/// <param name="DroppedEvents">Events left out by the limits (<see cref="TraceLimits"/>).</param>
/// <param name="UnparsedLines">Trace lines that could not be read (garbage, a line cut by a killed tracer).</param>
public sealed record TraceSummary(
    IReadOnlyList<TracedProcess> Processes,
    IReadOnlyList<TracedConnect> Connects,
    IReadOnlyList<TracedFileOperation> FileOperations,
    IReadOnlyList<ReverseShellEvidence> ReverseShells,
    int DroppedEvents,
    int UnparsedLines);

/// <summary>One process of the tree. <see cref="Executable"/> is the program it runs (a fork without exec runs its
/// parent's), <see cref="ExecPath"/> the path it was exec'ed by (e.g. <c>/proc/self/exe</c> when busybox re-executes
/// itself), <see cref="Applet"/> the busybox applet (from argv[0], or argv[1] after <c>busybox</c>).</summary>
/// <param name="Id">1 for the first root, then depth-first.</param>
/// <param name="ParentId">The creator's id; null for a root.</param>
/// <param name="Executable">The program, when known.</param>
/// <param name="ExecPath">The path given to the last successful exec; null when the process never exec'ed (a fork
/// running its parent's program: busybox runs applets such as chmod, mv or rm that way).</param>
/// <param name="Applet">The busybox applet, when the process exec'ed busybox.</param>
/// <param name="Argv">The last successful exec's arguments (inherited from the parent until then), bounded.</param>
/// <param name="ArgvTruncated">Arguments were left out or cut.</param>
/// <param name="StartMs">Milliseconds from the first traced event to the process's creation.</param>
/// <param name="ExitCode">The exit status, when it exited.</param>
/// <param name="Signal">The signal that killed it, when one did.</param>
/// <param name="Running">No end was traced: still running when the trace stopped.</param>
/// <param name="Execs">Every exec attempt, failed ones with their errno, bounded.</param>
public sealed record TracedProcess(
    int Id,
    int? ParentId,
    string? Executable,
    string? ExecPath,
    string? Applet,
    IReadOnlyList<string> Argv,
    bool ArgvTruncated,
    double StartMs,
    int? ExitCode,
    string? Signal,
    bool Running,
    IReadOnlyList<TracedExec> Execs);

/// <summary>One exec attempt: path (absolute when the cwd was known), arguments, errno name when it failed.</summary>
public sealed record TracedExec(string? Path, IReadOnlyList<string> Argv, bool ArgvTruncated, string? Error, double TimeMs);

/// <summary>A connect, a send with a destination (UDP, DNS) or a bind by process <see cref="ProcessId"/>;
/// <see cref="Error"/> is the errno name when it failed (EINPROGRESS: a non-blocking connect under way).</summary>
public sealed record TracedConnect(int ProcessId, SocketOperation Operation, string Family, string? Address, int? Port, string? Error, double TimeMs);

/// <summary>A successful file change; <see cref="Target"/> is a rename's new name or what a link points to;
/// <see cref="Mode"/> is octal (<c>0755</c>) for chmod, mkdir and creating opens.</summary>
public sealed record TracedFileOperation(int ProcessId, FileOperationKind Kind, string Path, string? Target, string? Mode, double TimeMs);

/// <summary>Process <see cref="ProcessId"/> exec'ed the shell <see cref="Shell"/> while <see cref="Fds"/> (of 0, 1, 2)
/// were a socket, connected to <see cref="Address"/>:<see cref="Port"/> when the connect was traced.</summary>
public sealed record ReverseShellEvidence(int ProcessId, string Shell, IReadOnlyList<int> Fds, string? Address, int? Port, double TimeMs);
