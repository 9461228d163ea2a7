namespace Drydock.Sandbox.Tracing;

/// <summary>What the tree builder knows of one process while the trace streams by.</summary>
internal sealed class ProcessState(int hostPid, ProcessState? parent, long createdSequence, double createdTime)
{
    public int HostPid { get; } = hostPid;

    public ProcessState? Parent { get; } = parent;

    public long CreatedSequence { get; } = createdSequence;

    public double CreatedTime { get; } = createdTime;

    /// <summary>Over the process limit: its events are counted, not kept.</summary>
    public bool Dropped { get; init; }

    public string? Cwd { get; set; }

    /// <summary>fds known to be sockets, with the endpoint they connected to when traced.</summary>
    public Dictionary<int, SocketEndpoint?> Sockets { get; init; } = [];

    public string? Executable { get; set; }

    public string? ExecPath { get; set; }

    public string? Applet { get; set; }

    public IReadOnlyList<string> Argv { get; set; } = [];

    public bool ArgvTruncated { get; set; }

    public List<TracedExec> Execs { get; } = [];

    public int? ExitCode { get; set; }

    public string? Signal { get; set; }

    public bool Ended { get; set; }

    /// <summary>Events of this process so far: orders its connects and file operations.</summary>
    public long Events { get; set; }

    public List<ProcessState> Children { get; } = [];

    /// <summary>A child created by fork/clone: same program, argv, cwd and open sockets as its parent; it has exec'ed
    /// nothing yet (busybox runs many applets in a fork without exec, so the applet is not inherited).</summary>
    public ProcessState Fork(int childPid, long sequence, double time) => new(childPid, this, sequence, time)
    {
        Cwd = Cwd,
        Sockets = new Dictionary<int, SocketEndpoint?>(Sockets),
        Executable = Executable,
        Argv = Argv,
        ArgvTruncated = ArgvTruncated,
    };
}
