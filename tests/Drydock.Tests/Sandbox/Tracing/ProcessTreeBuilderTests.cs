using Drydock.Sandbox.Tracing;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>Tree building on hand-written traces: orders real runs do not pin down.</summary>
public sealed class ProcessTreeBuilderTests
{
    [Fact]
    public async Task A_child_seen_before_its_parents_clone_returns_is_attached_to_it_with_the_parents_cwd()
    {
        const string Trace = """
            10 1.000000 execve("/bin/sh", ["sh"], 0x1 /* 1 var */) = 0
            10 1.001000 chdir("/srv") = 0
            10 1.002000 clone(child_stack=NULL, flags=SIGCHLD <unfinished ...>
            11 1.003000 openat(AT_FDCWD, "out/log", O_WRONLY|O_CREAT|O_APPEND, 0644) = 3
            11 1.004000 execve("./job", ["./job", "--x"], 0x1 /* 1 var */) = 0
            10 1.005000 <... clone resumed>, child_tidptr=0x1) = 11
            12 1.006000 +++ exited with 0 +++
            11 1.007000 +++ killed by SIGTERM +++
            """;

        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(Trace), new TraceOrigin("/"));

        Assert.Equal(2, summary.Processes.Count);
        var child = summary.Processes[1];
        Assert.Equal((2, (int?)1, "/srv/job", "SIGTERM", false), (child.Id, child.ParentId, child.Executable, child.Signal, child.Running));
        Assert.Equal(5.0, child.StartMs);
        Assert.True(summary.Processes[0].Running);
        var write = Assert.Single(summary.FileOperations);
        Assert.Equal((2, "/srv/out/log", "0644"), (write.ProcessId, write.Path, write.Mode));
    }

    [Fact]
    public async Task Threads_fold_into_their_process_and_the_root_threads_given_join_the_root()
    {
        const string Trace = """
            20 1.0 clone3({flags=CLONE_VM|CLONE_THREAD|CLONE_SIGHAND, exit_signal=0}, 88) = 21
            21 1.1 connect(7, {sa_family=AF_INET, sin_port=htons(3333), sin_addr=inet_addr("10.1.2.3")}, 16) = -1 EINPROGRESS (Operation now in progress)
            22 1.2 mkdir("/tmp/x", 0700) = 0
            """;

        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(Trace), new TraceOrigin("/", 20, [22]));

        var only = Assert.Single(summary.Processes);
        Assert.Equal(1, only.Id);
        var connect = Assert.Single(summary.Connects);
        Assert.Equal((1, "10.1.2.3", (int?)3333, "EINPROGRESS"), (connect.ProcessId, connect.Address, connect.Port, connect.Error));
        Assert.Equal(1, Assert.Single(summary.FileOperations).ProcessId);
    }

    [Fact]
    public async Task A_dup_of_a_connected_socket_inherited_through_a_fork_makes_the_shell_evidence()
    {
        const string Trace = """
            30 1.0 connect(3, {sa_family=AF_INET, sin_port=htons(4444), sin_addr=inet_addr("203.0.113.9")}, 16) = 0
            30 1.1 dup2(3, 0) = 0
            30 1.2 dup2(3, 1) = 1
            30 1.3 clone(child_stack=NULL, flags=SIGCHLD) = 31
            31 1.4 execve("/bin/bash", ["bash", "-i"], 0x1 /* 1 var */) = 0
            30 1.5 dup2(5</etc/passwd>, 0) = 0
            30 1.6 execve("/bin/sh", ["sh"], 0x1 /* 1 var */) = 0
            """;

        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(Trace), new TraceOrigin());

        Assert.Collection(summary.ReverseShells,
            parent =>
            {
                Assert.Equal(("/bin/sh", 1), (parent.Shell, parent.ProcessId));
                Assert.Equal([1], parent.Fds);
            },
            child => Assert.Equal(("/bin/bash", 2, "203.0.113.9", (int?)4444), (child.Shell, child.ProcessId, child.Address, child.Port)));
    }

    [Fact]
    public async Task The_process_limit_drops_and_counts_what_is_beyond_it()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"1 1.{i:D3} clone(child_stack=NULL, flags=SIGCHLD) = {100 + i}")
            .Concat(Enumerable.Range(0, 50).Select(i => $"{100 + i} 2.{i:D3} mkdir(\"/d{i}\", 0755) = 0"));
        var limits = TraceLimits.Default with { MaxProcesses = 10 };

        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(string.Join('\n', lines)), new TraceOrigin(), limits);

        Assert.Equal(10, summary.Processes.Count);
        Assert.Equal(9, summary.FileOperations.Count);
        Assert.Equal(41 + 41, summary.DroppedEvents);
    }

    [Fact]
    public async Task The_summary_serialises_as_camel_case_json_with_named_kinds()
    {
        const string Trace = """
            1 1.0 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.1")}, 16) = 0
            1 1.1 creat("/tmp/x", 0755) = 4
            """;
        var summary = await ProcessTreeBuilder.SummarizeAsync(new StringReader(Trace), new TraceOrigin());

        var json = System.Text.Json.JsonSerializer.Serialize(summary, TraceJsonContext.Default.TraceSummary);

        Assert.Contains("\"operation\": \"connect\"", json);
        Assert.Contains("\"kind\": \"write\"", json);
        Assert.Contains("\"mode\": \"0755\"", json);
        Assert.Contains("\"droppedEvents\": 0", json);
        Assert.DoesNotContain("\"exitCode\"", json);
    }
}
