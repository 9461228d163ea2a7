using System.Globalization;

namespace Drydock.Sandbox.Tracing;

/// <summary>Folds <see cref="TraceEvent"/>s into a <see cref="TraceSummary"/>: who created whom (threads folded into
/// their process), what each ran, where it connected, which files it changed, which shells got a socket as stdio.
/// Paths resolve against each process's own cwd (inherited at fork, followed through chdir).</summary>
public sealed class ProcessTreeBuilder(TraceLimits limits, TraceOrigin origin)
{
    private readonly Dictionary<int, ProcessState> byThread = [];
    private readonly Dictionary<int, List<TraceEvent>> waiting = [];
    private readonly List<ProcessState> roots = [];
    private readonly List<(ProcessState Process, long Order, TracedConnect Connect)> connects = [];
    private readonly List<(ProcessState Process, long Order, TracedFileOperation Operation)> files = [];
    private readonly List<(ProcessState Process, ReverseShellEvidence Evidence)> shells = [];
    private int processCount;
    private int waitingCount;
    private long sequence;
    private double? start;

    /// <summary>A builder with the default limits.</summary>
    public ProcessTreeBuilder(TraceOrigin origin)
        : this(TraceLimits.Default, origin)
    {
    }

    /// <summary>Events left out by the limits so far.</summary>
    public int DroppedEvents { get; private set; }

    /// <summary>Parses a whole trace and summarises it.</summary>
    public static async Task<TraceSummary> SummarizeAsync(TextReader trace, TraceOrigin origin, TraceLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        limits ??= TraceLimits.Default;
        var parser = new StraceParser(limits);
        var builder = new ProcessTreeBuilder(limits, origin);
        await foreach (var traceEvent in parser.ParseAsync(trace, cancellationToken).ConfigureAwait(false))
        {
            builder.Add(traceEvent);
        }

        return builder.Build(parser.UnparsedLines);
    }

    /// <summary>Takes the next event in trace order.</summary>
    public void Add(TraceEvent traceEvent)
    {
        start ??= traceEvent.Time;
        if (!byThread.TryGetValue(traceEvent.Pid, out var process))
        {
            if (!IsRoot(traceEvent.Pid))
            {
                Wait(traceEvent);
                return;
            }

            process = NewRoot(traceEvent);
        }

        Apply(process, traceEvent);
    }

    /// <summary>The summary of everything added; <paramref name="unparsedLines"/> comes from the parser.</summary>
    public TraceSummary Build(int unparsedLines = 0)
    {
        // Processes whose creation was never traced (attached before us) become roots, in order of appearance;
        // those that only ended are the attached process's other threads, gone with its exec, and are left out.
        foreach (var (pid, events) in waiting.OrderBy(kv => kv.Value[0].Time).ThenBy(kv => kv.Key).ToList())
        {
            waiting.Remove(pid);
            if (events.TrueForAll(e => e is ProcessEnded))
            {
                continue;
            }

            var root = NewRoot(events[0]);
            foreach (var traceEvent in events)
            {
                Apply(root, traceEvent);
            }
        }

        var ids = Number();
        return new TraceSummary(
            ids.Keys.OrderBy(p => ids[p]).Select(p => Describe(p, ids)).ToList(),
            connects.Where(c => ids.ContainsKey(c.Process)).OrderBy(c => ids[c.Process]).ThenBy(c => c.Order)
                .Select(c => c.Connect with { ProcessId = ids[c.Process] }).ToList(),
            files.Where(f => ids.ContainsKey(f.Process)).OrderBy(f => ids[f.Process]).ThenBy(f => f.Order)
                .Select(f => f.Operation with { ProcessId = ids[f.Process] }).ToList(),
            shells.Where(s => ids.ContainsKey(s.Process)).OrderBy(s => ids[s.Process])
                .Select(s => s.Evidence with { ProcessId = ids[s.Process] }).ToList(),
            DroppedEvents,
            unparsedLines);
    }

    private bool IsRoot(int pid) =>
        origin.RootPid is { } root ? pid == root || (origin.RootThreads?.Contains(pid) ?? false) : roots.Count == 0;

    private ProcessState NewRoot(TraceEvent first)
    {
        if (origin.RootPid is { } rootPid && origin.RootThreads?.Contains(first.Pid) == true
            && byThread.TryGetValue(rootPid, out var leader))
        {
            byThread[first.Pid] = leader;
            return leader;
        }

        var process = processCount < limits.MaxProcesses
            ? new ProcessState(first.Pid, null, sequence++, first.Time) { Cwd = origin.WorkingDirectory }
            : new ProcessState(first.Pid, null, sequence++, first.Time) { Dropped = true };
        if (!process.Dropped)
        {
            processCount++;
            roots.Add(process);
        }

        byThread[first.Pid] = process;
        return process;
    }

    private void Wait(TraceEvent traceEvent)
    {
        if (waitingCount >= limits.MaxPendingEvents)
        {
            DroppedEvents++;
            return;
        }

        waitingCount++;
        if (!waiting.TryGetValue(traceEvent.Pid, out var list))
        {
            waiting[traceEvent.Pid] = list = [];
        }

        list.Add(traceEvent);
    }

    private void Apply(ProcessState process, TraceEvent traceEvent)
    {
        if (process.Dropped && traceEvent is not ProcessCreated)
        {
            DroppedEvents++;
            return;
        }

        process.Events++;
        switch (traceEvent)
        {
            case ProcessCreated created:
                Created(process, created);
                break;
            case ExecCall exec:
                Exec(process, exec);
                break;
            case SocketCall socket:
                Socket(process, socket);
                break;
            case FileCall file:
                File(process, file);
                break;
            case DupCall dup:
                Dup(process, dup);
                break;
            case ChdirCall chdir:
                process.Cwd = TracePaths.Resolve(chdir.Path, process.Cwd) is { } cwd && cwd.StartsWith('/') ? cwd : null;
                break;
            case ProcessEnded ended when ended.Pid == process.HostPid:
                process.Ended = true;
                process.ExitCode = ended.ExitCode;
                process.Signal = ended.Signal;
                break;
        }
    }

    private void Created(ProcessState parent, ProcessCreated created)
    {
        ProcessState child;
        if (created.IsThread)
        {
            child = parent;
        }
        else if (parent.Dropped || processCount >= limits.MaxProcesses)
        {
            child = new ProcessState(created.ChildPid, null, sequence++, created.Time) { Dropped = true };
            DroppedEvents++;
        }
        else
        {
            child = parent.Fork(created.ChildPid, sequence++, created.Time);
            parent.Children.Add(child);
            processCount++;
        }

        byThread[created.ChildPid] = child;
        if (waiting.Remove(created.ChildPid, out var early))
        {
            waitingCount -= early.Count;
            foreach (var traceEvent in early)
            {
                Apply(child, traceEvent);
            }
        }
    }

    private void Exec(ProcessState process, ExecCall exec)
    {
        var path = TracePaths.Resolve(exec.Path, process.Cwd);
        if (process.Execs.Count < limits.MaxExecsPerProcess)
        {
            process.Execs.Add(new TracedExec(path, exec.Argv, exec.ArgvTruncated, exec.Error, Offset(exec.Time)));
        }
        else
        {
            DroppedEvents++;
        }

        if (exec.Error is not null)
        {
            return;
        }

        // /proc/self/exe is the program already running: busybox re-executing itself as an applet.
        process.Executable = path == "/proc/self/exe" ? process.Executable ?? path : path;
        process.ExecPath = path;
        process.Argv = exec.Argv;
        process.ArgvTruncated = exec.ArgvTruncated;
        process.Applet = BusyboxApplet(path, process.Executable, exec.Argv);
        var stdio = new[] { 0, 1, 2 }.Where(process.Sockets.ContainsKey).ToList();
        var program = process.Applet ?? (process.Executable is { } exe ? TracePaths.BaseName(exe) : null);
        if (stdio.Count > 0 && program is not null && ShellNames.Contains(program))
        {
            var endpoint = stdio.Select(fd => process.Sockets[fd]).FirstOrDefault(e => e is not null);
            shells.Add((process, new ReverseShellEvidence(0, path ?? program, stdio, endpoint?.Address, endpoint?.Port, Offset(exec.Time))));
        }
    }

    private void Socket(ProcessState process, SocketCall socket)
    {
        if (socket.Operation == SocketOperation.Connect && socket.Fd is { } fd)
        {
            if (socket.Error is null or "EINPROGRESS")
            {
                process.Sockets[fd] = socket.Endpoint;
            }
            else
            {
                process.Sockets.Remove(fd);
            }
        }

        if (connects.Count >= limits.MaxConnects)
        {
            DroppedEvents++;
            return;
        }

        var e = socket.Endpoint;
        connects.Add((process, process.Events, new TracedConnect(0, socket.Operation, e.Family, e.Address, e.Port, socket.Error, Offset(socket.Time))));
    }

    private void File(ProcessState process, FileCall file)
    {
        if (files.Count >= limits.MaxFileOperations)
        {
            DroppedEvents++;
            return;
        }

        if (TracePaths.Resolve(file.Path, process.Cwd) is not { } path)
        {
            return;
        }

        var target = file.Target is { } t ? TracePaths.Resolve(t, process.Cwd) : null;
        var mode = file.Mode is { } m ? "0" + Convert.ToString(m, 8) : null;
        files.Add((process, process.Events, new TracedFileOperation(0, file.Kind, path, target, mode, Offset(file.Time))));
    }

    private static void Dup(ProcessState process, DupCall dup)
    {
        if (dup.OldFd == dup.NewFd)
        {
            return;
        }

        if (dup.OldIsSocket != false && process.Sockets.TryGetValue(dup.OldFd, out var endpoint))
        {
            process.Sockets[dup.NewFd] = endpoint;
        }
        else if (dup.OldIsSocket == true)
        {
            process.Sockets[dup.NewFd] = null;
        }
        else
        {
            process.Sockets.Remove(dup.NewFd);
        }
    }

    private static string? BusyboxApplet(string? path, string? executable, IReadOnlyList<string> argv)
    {
        var isBusybox = path == "/proc/self/exe" || (executable is not null && TracePaths.BaseName(executable) == "busybox");
        if (!isBusybox || argv.Count == 0)
        {
            return null;
        }

        var first = TracePaths.BaseName(argv[0]);
        return first == "busybox" ? (argv.Count > 1 ? argv[1] : null) : first;
    }

    private double Offset(double time) => Math.Round((time - (start ?? time)) * 1000, 3);

    private Dictionary<ProcessState, int> Number()
    {
        var ids = new Dictionary<ProcessState, int>();
        var stack = new Stack<ProcessState>();
        foreach (var root in roots.OrderByDescending(r => r.CreatedSequence))
        {
            stack.Push(root);
        }

        while (stack.Count > 0)
        {
            var process = stack.Pop();
            ids[process] = ids.Count + 1;
            for (var i = process.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(process.Children[i]);
            }
        }

        return ids;
    }

    private TracedProcess Describe(ProcessState p, Dictionary<ProcessState, int> ids) => new(
        ids[p],
        p.Parent is { } parent ? ids[parent] : null,
        p.Executable,
        p.ExecPath,
        p.Applet,
        p.Argv,
        p.ArgvTruncated,
        Offset(p.CreatedTime),
        p.ExitCode,
        p.Signal,
        !p.Ended,
        p.Execs);
}
