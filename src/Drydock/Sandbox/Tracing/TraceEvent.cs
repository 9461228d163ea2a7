namespace Drydock.Sandbox.Tracing;

/// <summary>One thing a traced process did, in trace order; <see cref="Pid"/> is the host thread id that did it and
/// <see cref="Time"/> the epoch seconds strace stamped (0 when the line had no stamp).</summary>
public abstract record TraceEvent(int Pid, double Time);

/// <summary>clone, clone3, fork or vfork returned <see cref="ChildPid"/> (a thread when <see cref="IsThread"/>).</summary>
public sealed record ProcessCreated(int Pid, double Time, int ChildPid, bool IsThread) : TraceEvent(Pid, Time);

/// <summary>execve or execveat of <see cref="Path"/>; <see cref="Error"/> is the errno name of a failed attempt.</summary>
public sealed record ExecCall(int Pid, double Time, TracePath Path, IReadOnlyList<string> Argv, bool ArgvTruncated, string? Error)
    : TraceEvent(Pid, Time);

/// <summary>connect, sendto/sendmsg with an address, or bind; <see cref="Error"/> is the errno name when it failed
/// (EINPROGRESS is a non-blocking connect under way).</summary>
public sealed record SocketCall(int Pid, double Time, SocketOperation Operation, int? Fd, SocketEndpoint Endpoint, string? Error)
    : TraceEvent(Pid, Time);

/// <summary>A successful change to the file system: <see cref="Path"/> is the file changed or created (a rename's old
/// name, the new link of a symlink or hard link), <see cref="Target"/> a rename's new name or what a link points to;
/// <see cref="Mode"/> the permission bits of chmod, mkdir, creat and creating opens.</summary>
public sealed record FileCall(int Pid, double Time, FileOperationKind Kind, TracePath Path, TracePath? Target, int? Mode)
    : TraceEvent(Pid, Time);

/// <summary>dup2 or dup3 of <see cref="OldFd"/> onto <see cref="NewFd"/>; <see cref="OldIsSocket"/> from strace's fd
/// decoration (null when fds were not decoded).</summary>
public sealed record DupCall(int Pid, double Time, int OldFd, int NewFd, bool? OldIsSocket) : TraceEvent(Pid, Time);

/// <summary>A successful chdir (or fchdir to a decoded directory).</summary>
public sealed record ChdirCall(int Pid, double Time, TracePath Path) : TraceEvent(Pid, Time);

/// <summary>The thread ended: exit code, or the signal that killed it.</summary>
public sealed record ProcessEnded(int Pid, double Time, int? ExitCode, string? Signal, bool CoreDumped) : TraceEvent(Pid, Time);

/// <summary>A path argument as traced: <see cref="Value"/> (null when strace could not read it), cut by the string
/// limit when <see cref="Truncated"/>, relative to <see cref="DirFd"/> (null: the cwd) whose decoration strace
/// showed as <see cref="DirPath"/>.</summary>
public readonly record struct TracePath(string? Value, bool Truncated, int? DirFd, string? DirPath);

/// <summary>Where a socket call pointed: family (<c>inet</c>, <c>inet6</c>, <c>unix</c>, <c>netlink</c>, ...),
/// address (IP or unix path, <c>@name</c> for the abstract namespace) and port.</summary>
public readonly record struct SocketEndpoint(string Family, string? Address, int? Port);
