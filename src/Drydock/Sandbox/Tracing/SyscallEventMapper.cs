namespace Drydock.Sandbox.Tracing;

/// <summary>Turns one complete call (name, top-level arguments, result) into a <see cref="TraceEvent"/>, or null
/// for calls that changed nothing worth reporting (failed opens, reads).</summary>
internal sealed class SyscallEventMapper(TraceLimits limits)
{
    private static readonly string[] WriteFlags = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_TMPFILE"];

    /// <summary>Maps a call; <paramref name="argsComplete"/> is false when the line was cut inside the arguments.</summary>
    public TraceEvent? Map(int pid, double time, string name, List<string> args, bool argsComplete, SyscallResult result)
    {
        string Arg(int i) => i < args.Count ? args[i] : "";
        var ok = result.Succeeded;
        return name switch
        {
            "clone" or "clone3" or "fork" or "vfork" when ok && result.TracerValue > 0 =>
                new ProcessCreated(pid, time, (int)result.TracerValue!.Value, args.Any(a => a.Contains("CLONE_THREAD", StringComparison.Ordinal))),
            "execve" => Exec(pid, time, new FdArgument(null, true, null).Path(Arg(0), limits.MaxStringBytes), Arg(1), argsComplete, result),
            "execveat" => Exec(pid, time, FdArgument.Parse(Arg(0)).Path(Arg(1), limits.MaxStringBytes), Arg(2), argsComplete, result),
            "connect" => Socket(pid, time, SocketOperation.Connect, Arg(0), Arg(1), result),
            "bind" => Socket(pid, time, SocketOperation.Bind, Arg(0), Arg(1), result),
            "sendto" => Socket(pid, time, SocketOperation.Send, Arg(0), Arg(4), result),
            "sendmsg" or "sendmmsg" => Socket(pid, time, SocketOperation.Send, Arg(0), Arg(1), result),
            _ when !ok => null,
            "open" when IsWrite(Arg(1)) => File(pid, time, FileOperationKind.Write, Cwd(Arg(0)), null, Mode(Arg(2))),
            "openat" when IsWrite(Arg(2)) => File(pid, time, FileOperationKind.Write, At(Arg(0), Arg(1)), null, Mode(Arg(3))),
            "openat2" when IsWrite(Arg(2)) => File(pid, time, FileOperationKind.Write, At(Arg(0), Arg(1)), null, Mode(Field(Arg(2), "mode="))),
            "creat" => File(pid, time, FileOperationKind.Write, Cwd(Arg(0)), null, Mode(Arg(1))),
            "rename" => File(pid, time, FileOperationKind.Rename, Cwd(Arg(0)), Cwd(Arg(1)), null),
            "renameat" or "renameat2" => File(pid, time, FileOperationKind.Rename, At(Arg(0), Arg(1)), At(Arg(2), Arg(3)), null),
            "unlink" or "rmdir" => File(pid, time, FileOperationKind.Delete, Cwd(Arg(0)), null, null),
            "unlinkat" => File(pid, time, FileOperationKind.Delete, At(Arg(0), Arg(1)), null, null),
            "chmod" => File(pid, time, FileOperationKind.Chmod, Cwd(Arg(0)), null, Mode(Arg(1))),
            "fchmod" => File(pid, time, FileOperationKind.Chmod, new TracePath(FdArgument.Parse(Arg(0)).Decoration, false, null, null), null, Mode(Arg(1))),
            "fchmodat" => File(pid, time, FileOperationKind.Chmod, At(Arg(0), Arg(1)), null, Mode(Arg(2))),
            "mkdir" => File(pid, time, FileOperationKind.Mkdir, Cwd(Arg(0)), null, Mode(Arg(1))),
            "mkdirat" => File(pid, time, FileOperationKind.Mkdir, At(Arg(0), Arg(1)), null, Mode(Arg(2))),
            "symlink" => File(pid, time, FileOperationKind.Symlink, Cwd(Arg(1)), Cwd(Arg(0)), null),
            "symlinkat" => File(pid, time, FileOperationKind.Symlink, At(Arg(1), Arg(2)), Cwd(Arg(0)), null),
            "link" => File(pid, time, FileOperationKind.Link, Cwd(Arg(1)), Cwd(Arg(0)), null),
            "linkat" => File(pid, time, FileOperationKind.Link, At(Arg(2), Arg(3)), At(Arg(0), Arg(1)), null),
            "dup2" or "dup3" => Dup(pid, time, Arg(0), Arg(1)),
            "chdir" => new ChdirCall(pid, time, Cwd(Arg(0))),
            "fchdir" => new ChdirCall(pid, time, new TracePath(FdArgument.Parse(Arg(0)).Decoration, false, null, null)),
            _ => null,
        };
    }

    private ExecCall Exec(int pid, double time, TracePath path, string argv, bool argsComplete, SyscallResult result)
    {
        var items = SyscallText.DecodeStringArray(argv, limits.MaxArgs, limits.MaxStringBytes, out var truncated) ?? [];
        var error = result.Value == 0 ? null : result.Error ?? "unknown";
        return new ExecCall(pid, time, path, items, truncated || !argsComplete, error);
    }

    private static SocketCall? Socket(int pid, double time, SocketOperation operation, string fd, string address, SyscallResult result)
    {
        if (SockaddrText.Parse(address) is not { } endpoint)
        {
            return null;
        }

        var error = result.Succeeded ? null : result.Error ?? "unknown";
        return new SocketCall(pid, time, operation, FdArgument.Parse(fd).Fd, endpoint, error);
    }

    private static FileCall? File(int pid, double time, FileOperationKind kind, TracePath path, TracePath? target, int? mode) =>
        path.Value is null && path.DirPath is null ? null : new FileCall(pid, time, kind, path, target, mode);

    private static DupCall? Dup(int pid, double time, string oldArg, string newArg)
    {
        var oldFd = FdArgument.Parse(oldArg);
        var newFd = FdArgument.Parse(newArg);
        return oldFd.Fd is { } o && newFd.Fd is { } n ? new DupCall(pid, time, o, n, oldFd.IsSocket) : null;
    }

    private TracePath Cwd(string arg) => new FdArgument(null, true, null).Path(arg, limits.MaxStringBytes);

    private TracePath At(string dirArg, string pathArg) => FdArgument.Parse(dirArg).Path(pathArg, limits.MaxStringBytes);

    private static bool IsWrite(string flags)
    {
        foreach (var flag in flags.Split(['|', ',', '{', '}'], StringSplitOptions.TrimEntries))
        {
            if (WriteFlags.Contains(flag[(flag.IndexOf('=') + 1)..]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Field(string structText, string field)
    {
        var at = structText.IndexOf(field, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var end = structText.IndexOfAny([',', '}'], at);
        return structText[(at + field.Length)..(end < 0 ? structText.Length : end)];
    }

    private static int? Mode(string arg)
    {
        int? mode = null;
        foreach (var part in arg.Split('|', StringSplitOptions.TrimEntries))
        {
            var bits = part switch
            {
                "S_ISUID" => 0x800,
                "S_ISGID" => 0x400,
                "S_ISVTX" => 0x200,
                _ when part.Length > 0 && part.All(c => c is >= '0' and <= '7') && part.Length <= 10 => Convert.ToInt32(part, 8),
                _ => -1,
            };
            if (bits >= 0)
            {
                mode = (mode ?? 0) | bits;
            }
        }

        return mode;
    }
}
