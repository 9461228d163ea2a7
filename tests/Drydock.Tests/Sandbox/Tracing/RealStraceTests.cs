using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Drydock.Sandbox.Tracing;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>The parser and tree builder on traces the real strace wrote of busybox scripts.</summary>
public sealed class RealStraceTests
{
    private const string FileScript = """
        mkdir work
        cd work
        echo data > a.txt
        chmod 4755 a.txt
        cat a.txt > /dev/null
        mv a.txt b.txt
        ln -s /etc/passwd link
        rm b.txt
        (busybox true &)
        sleep 0.05 &
        wait
        cd ..
        rm -r work
        exit 3
        """;

    [StraceFact]
    public async Task Records_the_tree_the_applets_and_the_file_changes_with_absolute_paths()
    {
        var dir = RepoPaths.Scratch("trace-files");
        var (trace, summary) = await BusyboxTrace.RunAsync(FileScript, dir);

        var root = summary.Processes[0];
        Assert.Equal(1, root.Id);
        Assert.Null(root.ParentId);
        Assert.Equal(BusyboxTrace.Busybox, root.Executable);
        Assert.Equal(3, root.ExitCode);
        Assert.All(summary.Processes, p => Assert.False(p.Running, trace));
        Assert.Equal(Enumerable.Range(1, summary.Processes.Count), summary.Processes.Select(p => p.Id));
        Assert.All(summary.Processes.Skip(1), p => Assert.True(p.ParentId < p.Id));

        // busybox re-executes itself: /proc/self/exe, shown as the applet, the program still busybox.
        var cat = Assert.Single(summary.Processes, p => p.Applet == "cat");
        Assert.Equal("/proc/self/exe", cat.ExecPath);
        Assert.Equal(BusyboxTrace.Busybox, cat.Executable);
        Assert.Equal(["cat", "a.txt"], cat.Argv);
        Assert.Equal("sh", root.Applet);

        // chmod, mv, rm run in a fork without exec: the parent's program, nothing exec'ed.
        var chmodder = summary.Processes.Single(p => p.Id == summary.FileOperations.Single(o => o.Kind == FileOperationKind.Chmod).ProcessId);
        Assert.Equal((1, null, null, BusyboxTrace.Busybox), (chmodder.ParentId, chmodder.ExecPath, chmodder.Applet, chmodder.Executable));
        var sleep = Assert.Single(summary.Processes, p => p.Applet == "sleep");
        Assert.Equal(1, sleep.ParentId);

        // The explicit `busybox true` runs in a subshell whose background child is its grandchild.
        var truth = Assert.Single(summary.Processes, p => p.Applet == "true");
        Assert.Equal(("/proc/self/exe", "busybox"), (truth.ExecPath, truth.Argv[0]));
        var subshell = summary.Processes.Single(p => p.Id == truth.ParentId);
        Assert.Equal(1, subshell.ParentId);
        Assert.Null(subshell.Applet);

        var work = dir + "/work";
        var ops = summary.FileOperations.Select(o => (o.Kind, o.Path, o.Target, o.Mode)).ToList();
        Assert.Contains((FileOperationKind.Mkdir, work, null, "0777"), ops);
        Assert.Contains((FileOperationKind.Write, work + "/a.txt", null, "0666"), ops);
        Assert.Contains((FileOperationKind.Chmod, work + "/a.txt", null, "04755"), ops);
        Assert.Contains((FileOperationKind.Rename, work + "/a.txt", work + "/b.txt", null), ops);
        Assert.Contains((FileOperationKind.Symlink, work + "/link", "/etc/passwd", null), ops);
        Assert.Contains((FileOperationKind.Delete, work + "/b.txt", null, null), ops);
        Assert.Contains((FileOperationKind.Delete, work, null, null), ops);
        Assert.Equal(0, summary.DroppedEvents);
        Assert.Equal(0, summary.UnparsedLines);
    }

    [StraceFact]
    public async Task Two_runs_of_the_same_script_give_the_same_summary_apart_from_times()
    {
        var dir = RepoPaths.Scratch("trace-twice");
        var first = (await BusyboxTrace.RunAsync(FileScript, dir)).Summary;
        var second = (await BusyboxTrace.RunAsync(FileScript, dir)).Summary;

        Assert.Equal(Timeless(first), Timeless(second));
        Assert.True(first.Processes.Count >= 8);
    }

    [StraceFact]
    public async Task A_ten_thousand_argument_exec_keeps_a_bounded_argv_and_says_so()
    {
        var dir = RepoPaths.Scratch("trace-argv");
        var (_, summary) = await BusyboxTrace.RunAsync("busybox true $(seq 1 10000)", dir);

        var exec = Assert.Single(summary.Processes, p => p.Applet == "true");
        Assert.Equal(TraceLimits.Default.MaxArgs, exec.Argv.Count);
        Assert.True(exec.ArgvTruncated);
        Assert.Equal(["busybox", "true", "1", "2"], exec.Argv.Take(4));
        Assert.Equal(0, exec.ExitCode);
    }

    [StraceFact]
    public async Task A_file_name_with_a_newline_quotes_and_binary_bytes_comes_back_intact()
    {
        var dir = RepoPaths.Scratch("trace-names");
        var (_, summary) = await BusyboxTrace.RunAsync("""touch "$(printf 'a\nb"q\001\303\251\377z')" """, dir);

        var write = Assert.Single(summary.FileOperations);
        Assert.Equal(FileOperationKind.Write, write.Kind);
        Assert.Equal(dir + "/a\nb\"q\u0001\\xc3\\xa9\\xffz", write.Path);
    }

    [StraceFact]
    public async Task A_refused_connection_is_reported_with_address_port_and_error()
    {
        var dir = RepoPaths.Scratch("trace-refused");
        var port = FreeLoopbackPort();
        var (_, summary) = await BusyboxTrace.RunAsync($"echo x | nc 127.0.0.1 {port}", dir);

        var connect = Assert.Single(summary.Connects, c => c.Operation == SocketOperation.Connect);
        Assert.Equal(("inet", "127.0.0.1", port, "ECONNREFUSED"), (connect.Family, connect.Address, connect.Port, connect.Error));
        var nc = summary.Processes.Single(p => p.Id == connect.ProcessId);
        Assert.Equal("nc", nc.Applet);
        Assert.Equal(1, nc.ExitCode);
        Assert.Empty(summary.ReverseShells);
    }

    [StraceFact]
    public async Task A_shell_given_a_connected_socket_as_stdio_is_reverse_shell_evidence()
    {
        var dir = RepoPaths.Scratch("trace-revshell");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes("echo hello\nexit 0\n"));
            var buffer = new byte[64];
            while (await client.GetStream().ReadAsync(buffer) > 0)
            {
            }
        });

        var (_, summary) = await BusyboxTrace.RunAsync($"nc 127.0.0.1 {port} -e /bin/sh", dir);
        await peer.WaitAsync(TimeSpan.FromSeconds(30));

        var evidence = Assert.Single(summary.ReverseShells);
        Assert.Equal("/bin/sh", evidence.Shell);
        Assert.Contains(0, evidence.Fds);
        Assert.Contains(1, evidence.Fds);
        Assert.Equal(("127.0.0.1", (int?)port), (evidence.Address, evidence.Port));
        var shell = summary.Processes.Single(p => p.Id == evidence.ProcessId);
        Assert.Equal("/bin/sh", shell.Executable);
        Assert.Contains(summary.Connects, c => c.Port == port && c.Error is null);
    }

    [StraceFact]
    public async Task A_process_killed_by_sigkill_reports_the_signal()
    {
        var dir = RepoPaths.Scratch("trace-kill");
        var (trace, summary) = await BusyboxTrace.RunAsync("sleep 30 & pid=$!; usleep 200000; kill -9 $pid; wait", dir);

        var sleep = Assert.Single(summary.Processes, p => p.Applet == "sleep");
        Assert.True(sleep.Signal == "SIGKILL", trace);
        Assert.Null(sleep.ExitCode);
        Assert.False(sleep.Running);
    }

    [StraceFact]
    public async Task A_tracer_killed_mid_trace_leaves_running_processes_and_no_error()
    {
        var dir = RepoPaths.Scratch("trace-cut");
        var (_, summary) = await BusyboxTrace.RunAndKillTracerAsync("sleep 30 & sleep 31; echo never", dir, "\"31\"");

        var root = summary.Processes[0];
        Assert.True(root.Running);
        Assert.Contains(summary.Processes, p => p.Applet == "sleep" && p.Argv.SequenceEqual(["sleep", "30"]) && p.Running);
    }

    [StraceFact]
    public async Task Attaching_to_a_running_process_traces_it_and_its_later_children_with_it_as_the_root()
    {
        var dir = RepoPaths.Scratch("trace-attach");
        var (trace, summary, _) = await BusyboxTrace.AttachAsync(
            "while [ ! -e go ]; do usleep 20000; done; echo x > out; cat out > /dev/null; exit 4", dir);

        var root = summary.Processes[0];
        Assert.True(root.ExitCode == 4, trace);
        Assert.Null(root.ParentId);
        Assert.Null(root.ExecPath);
        Assert.Contains(summary.Processes, p => p.Applet == "cat" && p.ParentId == 1 && p.ExitCode == 0);
        Assert.Contains(summary.FileOperations, o => o.Kind == FileOperationKind.Write && o.Path == dir + "/out" && o.ProcessId == 1);
        Assert.Equal(0, summary.UnparsedLines);
    }

    private static string Timeless(TraceSummary s) => JsonSerializer.Serialize(s with
    {
        Processes = s.Processes.Select(p => p with { StartMs = 0, Execs = p.Execs.Select(e => e with { TimeMs = 0 }).ToList() }).ToList(),
        Connects = s.Connects.Select(c => c with { TimeMs = 0 }).ToList(),
        FileOperations = s.FileOperations.Select(f => f with { TimeMs = 0 }).ToList(),
        ReverseShells = s.ReverseShells.Select(r => r with { TimeMs = 0 }).ToList(),
    }, TraceJsonContext.Default.TraceSummary);

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
