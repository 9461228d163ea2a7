using Drydock.Sandbox.Tracing;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>Hand-written strace lines for what real runs rarely produce: damaged, cut and unusual output.</summary>
public sealed class StraceParserTests
{
    [Fact]
    public void Joins_an_unfinished_call_with_its_resumption()
    {
        var parser = new StraceParser();
        Assert.Null(parser.ParseLine("""11826 1796623750.849485 execve("/proc/self/exe", ["sleep", "0.1"], 0x1ae07040 /* 43 vars */ <unfinished ...>"""));
        Assert.Null(parser.ParseLine("11819 1796623750.849431 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>"));
        var exec = Assert.IsType<ExecCall>(parser.ParseLine("11826 1796623750.851032 <... execve resumed>) = 0"));
        var clone = Assert.IsType<ProcessCreated>(parser.ParseLine("11819 1796623750.850990 <... clone resumed>, child_tidptr=0x34d74690) = 11827"));

        Assert.Equal(("/proc/self/exe", 11826, 1796623750.851032), (exec.Path.Value, exec.Pid, exec.Time));
        Assert.Equal(["sleep", "0.1"], exec.Argv);
        Assert.Null(exec.Error);
        Assert.Equal((11819, 11827, false), (clone.Pid, clone.ChildPid, clone.IsThread));
        Assert.Equal(0, parser.UnparsedLines);
    }

    [Fact]
    public void Reads_exits_kills_and_ignores_signal_deliveries()
    {
        var parser = new StraceParser();
        Assert.Equal(new ProcessEnded(7, 1.5, 3, null, false), parser.ParseLine("7 1.500000 +++ exited with 3 +++"));
        Assert.Equal(new ProcessEnded(8, 2.5, null, "SIGKILL", false), parser.ParseLine("8 2.500000 +++ killed by SIGKILL +++"));
        Assert.Equal(new ProcessEnded(9, 0, null, "SIGSEGV", true), parser.ParseLine("[pid     9] +++ killed by SIGSEGV (core dumped) +++"));
        Assert.Null(parser.ParseLine("7 1.0 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=11820, si_status=0} ---"));
        Assert.Equal(0, parser.UnparsedLines);
    }

    [Fact]
    public void A_failed_exec_keeps_its_errno_and_a_clone_in_a_pid_namespace_gives_the_host_pid()
    {
        var parser = new StraceParser();
        var exec = Assert.IsType<ExecCall>(parser.ParseLine("""5 1.0 execve("/usr/local/bin/x", ["x"], 0x7ffd /* 3 vars */) = -1 ENOENT (No such file or directory)"""));
        Assert.Equal("ENOENT", exec.Error);
        var clone = Assert.IsType<ProcessCreated>(parser.ParseLine("12370 1.0 clone(child_stack=NULL, flags=SIGCHLD, child_tidptr=0xa44c690) = 2 /* 12371 in strace's PID NS */"));
        Assert.Equal(12371, clone.ChildPid);
        var thread = Assert.IsType<ProcessCreated>(parser.ParseLine("5 1.0 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, exit_signal=0, stack=0x7f, stack_size=0x7fff00}, 88) = 6"));
        Assert.True(thread.IsThread);
        Assert.Null(parser.ParseLine("5 1.0 clone(child_stack=NULL, flags=SIGCHLD) = -1 EAGAIN (Resource temporarily unavailable)"));
    }

    [Fact]
    public void Decodes_escapes_and_flags_strings_strace_cut()
    {
        var parser = new StraceParser();
        var exec = Assert.IsType<ExecCall>(parser.ParseLine(
            """1 1.0 execve("/bin/sh", ["sh", "-c", "echo \"a)b\"\n\t\x41\101\\", "abcdef"...], 0x1 /* 1 var */) = 0"""));
        Assert.Equal(["sh", "-c", "echo \"a)b\"\n\tAA\\", "abcdef"], exec.Argv);
        Assert.True(exec.ArgvTruncated);

        var more = Assert.IsType<ExecCall>(parser.ParseLine("""1 1.0 execve("/bin/x", ["x", "1", ...], 0x1 /* 1 var */) = 0"""));
        Assert.Equal(["x", "1"], more.Argv);
        Assert.True(more.ArgvTruncated);
    }

    [Fact]
    public void Reads_socket_addresses_of_every_family_and_fd_decorations()
    {
        var parser = new StraceParser();
        var v6 = Assert.IsType<SocketCall>(parser.ParseLine("""3 1.0 connect(5<TCPv6:[99]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 EINPROGRESS (Operation now in progress)"""));
        Assert.Equal((5, new SocketEndpoint("inet6", "2001:db8::1", 443), "EINPROGRESS"), (v6.Fd, v6.Endpoint, v6.Error));
        var unix = Assert.IsType<SocketCall>(parser.ParseLine("""3 1.0 connect(4, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X0"}, 20) = 0"""));
        Assert.Equal(new SocketEndpoint("unix", "@/tmp/.X11-unix/X0", null), unix.Endpoint);
        var dns = Assert.IsType<SocketCall>(parser.ParseLine("""3 1.0 sendto(3<UDP:[1]>, "\x12\x34\x01\x00\x00\x01", 33, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.53")}, 16) = 33"""));
        Assert.Equal((SocketOperation.Send, new SocketEndpoint("inet", "10.0.0.53", 53)), (dns.Operation, dns.Endpoint));
        Assert.Null(parser.ParseLine("""3 1.0 sendto(3<TCP:[1]>, "GET", 3, 0, NULL, 0) = 3"""));

        var dup = Assert.IsType<DupCall>(parser.ParseLine("3 1.0 dup2(3<TCP:[127.0.0.1:40000->127.0.0.1:4444]>, 0</dev/pts/0>) = 0<TCP:[127.0.0.1:40000->127.0.0.1:4444]>"));
        Assert.Equal((3, 0, (bool?)true), (dup.OldFd, dup.NewFd, dup.OldIsSocket));
        var file = Assert.IsType<DupCall>(parser.ParseLine("3 1.0 dup2(4</tmp/a)b>, 1) = 1"));
        Assert.Equal(false, file.OldIsSocket);
        var plain = Assert.IsType<DupCall>(parser.ParseLine("3 1.0 dup3(4, 2, O_CLOEXEC) = 2"));
        Assert.Null(plain.OldIsSocket);
    }

    [Fact]
    public void File_calls_keep_their_directory_fd_and_failed_or_read_only_ones_are_ignored()
    {
        var parser = new StraceParser();
        var open = Assert.IsType<FileCall>(parser.ParseLine("""3 1.0 openat(5</srv/app>, "conf/x.yml", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0600) = 6</srv/app/conf/x.yml>"""));
        Assert.Equal((FileOperationKind.Write, new TracePath("conf/x.yml", false, 5, "/srv/app"), (int?)0x180), (open.Kind, open.Path, open.Mode));
        Assert.Null(parser.ParseLine("""3 1.0 openat(AT_FDCWD</>, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3</etc/passwd>"""));
        Assert.Null(parser.ParseLine("""3 1.0 openat(AT_FDCWD, "/ro/x", O_WRONLY|O_CREAT, 0644) = -1 EROFS (Read-only file system)"""));
        var renamed = Assert.IsType<FileCall>(parser.ParseLine("""3 1.0 renameat2(AT_FDCWD, "a", AT_FDCWD, "/b", RENAME_NOREPLACE) = 0"""));
        Assert.Equal(("a", "/b"), (renamed.Path.Value, renamed.Target?.Value));
        var chmod = Assert.IsType<FileCall>(parser.ParseLine("""3 1.0 fchmodat(AT_FDCWD, "/usr/bin/x", S_ISUID|S_ISGID|0755) = 0"""));
        Assert.Equal(0xDED, chmod.Mode);
        var fchmod = Assert.IsType<FileCall>(parser.ParseLine("3 1.0 fchmod(3</tmp/run.sh>, 0700) = 0"));
        Assert.Equal("/tmp/run.sh", fchmod.Path.Value);
    }

    [Fact]
    public void An_exec_by_a_thread_other_than_the_leader_resumes_under_the_leaders_pid()
    {
        var parser = new StraceParser();
        Assert.Null(parser.ParseLine("""41 1.0 execve("/usr/bin/app", ["app"], 0x1 /* 1 var */ <unfinished ...>"""));
        Assert.Null(parser.ParseLine("40 1.1 +++ superseded by execve in pid 41 +++"));
        var exec = Assert.IsType<ExecCall>(parser.ParseLine("40 1.2 <... execve resumed>) = 0"));
        Assert.Equal((40, "/usr/bin/app"), (exec.Pid, exec.Path.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("strace: Process 123 attached")]
    [InlineData("123")]
    [InlineData("123 1.0 ")]
    [InlineData("123 1.0 execve(\"/bin/sh\", [\"sh\", \"-c")]
    [InlineData("123 1.0 <... execve resumed")]
    [InlineData("-5 1.0 exit_group(0) = ?")]
    [InlineData("123 1.0 +++ exited with banana +++")]
    [InlineData("\0\u00ff\ud800((((\"\\")]
    public void Garbage_is_counted_never_thrown(string line)
    {
        var parser = new StraceParser();
        Assert.Null(parser.ParseLine(line));
    }

    [Fact]
    public async Task A_line_longer_than_the_cap_keeps_its_head_and_its_result()
    {
        var argv = string.Join(", ", Enumerable.Range(0, 5000).Select(i => $"\"{new string('a', 100)}{i}\""));
        var trace = $"1 1.0 execve(\"/bin/x\", [{argv}], 0x1 /* 1 var */) = 0\n1 2.0 +++ exited with 0 +++\n";
        var parser = new StraceParser(TraceLimits.Default with { MaxLineChars = 10_000 });

        var events = await Collect(parser, trace);

        var exec = Assert.IsType<ExecCall>(events[0]);
        Assert.Null(exec.Error);
        Assert.True(exec.ArgvTruncated);
        Assert.InRange(exec.Argv.Count, 50, 100);
        Assert.Equal(new string('a', 100) + "0", exec.Argv[0]);
        Assert.IsType<ProcessEnded>(events[1]);
    }

    [Fact]
    public async Task A_trace_cut_mid_line_at_the_end_loses_only_that_line()
    {
        var trace = "1 1.0 chdir(\"/tmp\") = 0\n1 1.1 openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, 0644) = 3\n1 1.2 execve(\"/bin/sh\", [\"sh\", \"-";
        var parser = new StraceParser();

        var events = await Collect(parser, trace);

        Assert.Equal(2, events.Count);
        Assert.Equal(1, parser.UnparsedLines);
    }

    [Fact]
    public async Task An_unfinished_call_at_the_end_is_counted()
    {
        var parser = new StraceParser();
        var events = await Collect(parser, "1 1.0 execve(\"/bin/sleep\", [\"sleep\"], 0x1 /* 1 var */ <unfinished ...>\n");
        Assert.Empty(events);
        Assert.Equal(1, parser.UnfinishedAtEnd);
    }

    private static async Task<List<TraceEvent>> Collect(StraceParser parser, string trace)
    {
        var events = new List<TraceEvent>();
        await foreach (var e in parser.ParseAsync(new StringReader(trace)))
        {
            events.Add(e);
        }

        return events;
    }
}
