using System.Runtime.CompilerServices;

namespace Drydock.Sandbox.Tracing;

/// <summary>Streams strace output (as <see cref="StraceInvocation"/> records it) into typed <see cref="TraceEvent"/>s.
/// Never throws on content: garbage, unknown calls and lines cut by a killed strace are counted, not fatal;
/// <c>&lt;unfinished ...&gt;</c> calls are joined with their <c>&lt;... resumed&gt;</c> half. One trace per instance.</summary>
public sealed class StraceParser(TraceLimits limits)
{
    private const int MaxTopLevelArgs = 16;
    private readonly SyscallEventMapper mapper = new(limits);
    private readonly Dictionary<int, StraceLine> pending = [];

    /// <summary>A parser with the default limits.</summary>
    public StraceParser()
        : this(TraceLimits.Default)
    {
    }

    /// <summary>Lines that were not strace output, or calls too damaged to read.</summary>
    public int UnparsedLines { get; private set; }

    /// <summary>Calls still unfinished when the trace ended (the tracer stopped while they blocked).</summary>
    public int UnfinishedAtEnd { get; private set; }

    /// <summary>Reads <paramref name="reader"/> to its end.</summary>
    public async IAsyncEnumerable<TraceEvent> ParseAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lines = new StraceLineReader(reader, limits.MaxLineChars);
        while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false) is { } raw)
        {
            if (Accept(raw) is { } traceEvent)
            {
                yield return traceEvent;
            }
        }

        UnfinishedAtEnd += pending.Count;
        pending.Clear();
    }

    /// <summary>Parses one line of text (hand-written traces, tests); keeps the unfinished halves between calls.</summary>
    public TraceEvent? ParseLine(string line) => Accept(new RawLine(line, null));

    private TraceEvent? Accept(RawLine raw)
    {
        if (raw.Text.Length == 0)
        {
            return null;
        }

        if (StraceLine.Parse(raw) is not { } line)
        {
            UnparsedLines++;
            return null;
        }

        var time = line.Time ?? 0;
        switch (line.Kind)
        {
            case StraceLineKind.Exited:
                return new ProcessEnded(line.Pid, time, line.Code, null, false);
            case StraceLineKind.Killed:
                return new ProcessEnded(line.Pid, time, null, line.Name, line.Body == "core");
            case StraceLineKind.Signal:
                return null;
            case StraceLineKind.Unfinished:
                if (pending.Remove(line.Pid))
                {
                    UnparsedLines++;
                }

                pending[line.Pid] = line;
                return null;
            case StraceLineKind.Resumed:
                return Resume(line, time);
            default:
                return Call(line.Pid, time, line.Name, line.Body, line.Tail, headless: false);
        }
    }

    private TraceEvent? Resume(StraceLine line, double time)
    {
        var start = pending.Remove(line.Pid, out var own) ? own : ExecOfAnotherThread(line.Name);
        if (start is null || start.Name != line.Name)
        {
            // The first half was lost (attached mid-call, or cut): only the result is known.
            return Call(line.Pid, time, line.Name, line.Body, line.Tail, headless: true);
        }

        return start.Tail is null
            ? Call(line.Pid, time, line.Name, start.Body + line.Body, line.Tail, headless: false)
            : Call(line.Pid, time, line.Name, start.Body, line.Body, headless: false);
    }

    /// <summary>A thread other than the leader exec'ed: the kernel gives it the leader's pid and strace resumes the
    /// call there, after <c>+++ superseded by execve in pid N +++</c>.</summary>
    private StraceLine? ExecOfAnotherThread(string name)
    {
        if (name is not ("execve" or "execveat"))
        {
            return null;
        }

        var candidates = pending.Where(kv => kv.Value.Name == name).Select(kv => kv.Key).Take(2).ToList();
        return candidates.Count == 1 && pending.Remove(candidates[0], out var start) ? start : null;
    }

    private TraceEvent? Call(int pid, double time, string name, string text, string? tail, bool headless)
    {
        var (args, end) = SyscallText.Split(text, 0, MaxTopLevelArgs);
        SyscallResult result;
        if (end >= 0)
        {
            result = SyscallResult.Parse(text.AsSpan(end));
        }
        else if (tail is not null && tail.LastIndexOf(") = ", StringComparison.Ordinal) is var close and >= 0)
        {
            result = SyscallResult.Parse(tail.AsSpan(close + 1));
        }
        else
        {
            UnparsedLines++;
            return null;
        }

        if (headless)
        {
            // Without the arguments only process creation (the child pid) and exec (it happened) are meaningful.
            return name switch
            {
                "clone" or "clone3" or "fork" or "vfork" => mapper.Map(pid, time, name, [], true, result),
                "execve" or "execveat" => new ExecCall(pid, time, default, [], true, result.Value == 0 ? null : result.Error ?? "unknown"),
                _ => null,
            };
        }

        return mapper.Map(pid, time, name, args, end >= 0, result);
    }
}
