namespace Drydock.Sandbox.Tracing;

/// <summary>The strace 6.x command line that records what <see cref="StraceParser"/> reads.</summary>
/// <remarks>
/// <c>-f</c> follows every fork, clone and vfork; <c>-ttt</c> stamps each line with epoch seconds and microseconds;
/// <c>-q</c> drops attach/detach chatter but keeps <c>+++ exited with N +++</c> and <c>+++ killed by SIG +++</c>
/// (<c>-qq</c> would drop those too); <c>-s</c> bounds every string and array; <c>--decode-fds=path,socket</c> shows
/// what an fd is (<c>3&lt;TCP:[a:p-&gt;b:q]&gt;</c>), which tells a socket from a file when it is dup'ed onto 0/1/2;
/// <c>--pidns-translation</c> adds the host pid to clone results inside a container's PID namespace;
/// <c>-e signal=!SIGCHLD</c> leaves out the most frequent delivery (<c>signal=none</c> would also drop the
/// <c>killed by</c> lines). Environments stay abbreviated
/// (no <c>-v</c>): they are large and may hold secrets.
/// </remarks>
public sealed record StraceInvocation
{
    /// <summary>Debian's strace.</summary>
    public const string DefaultExecutable = "/usr/bin/strace";

    /// <summary>The system calls traced: process creation, exec, network, file changes, fd duplication, cwd, exit.</summary>
    public static readonly IReadOnlyList<string> TracedSyscalls =
    [
        "execve", "execveat", "clone", "clone3", "fork", "vfork",
        "connect", "sendto", "sendmsg", "sendmmsg", "bind",
        "open", "openat", "openat2", "creat",
        "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir",
        "chmod", "fchmod", "fchmodat", "mkdir", "mkdirat",
        "symlink", "symlinkat", "link", "linkat",
        "dup2", "dup3", "chdir", "fchdir", "exit_group",
    ];

    /// <summary>The strace binary.</summary>
    public string Executable { get; init; } = DefaultExecutable;

    /// <summary>Longest string (and array) strace prints before <c>...</c>.</summary>
    public int StringLimit { get; init; } = 4096;

    /// <summary>Arguments that attach to a running process (the container's init) and its future children.</summary>
    public IReadOnlyList<string> Arguments(int pid, string outputFile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        var args = Common(outputFile);
        args.Add("-p");
        args.Add(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return args;
    }

    /// <summary>Arguments that start <paramref name="command"/> under the tracer (tests, benchmarks).</summary>
    public IReadOnlyList<string> ArgumentsForCommand(string outputFile, IReadOnlyList<string> command)
    {
        ArgumentOutOfRangeException.ThrowIfZero(command.Count);
        var args = Common(outputFile);
        args.Add("--");
        args.AddRange(command);
        return args;
    }

    private List<string> Common(string outputFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputFile);
        return
        [
            "-f", "-ttt", "-q",
            "-s", StringLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--decode-fds=path,socket", "--pidns-translation",
            "-e", "signal=!SIGCHLD",
            "-e", "trace=" + string.Join(',', TracedSyscalls),
            "-o", outputFile,
        ];
    }
}
