using Drydock.Sandbox;
using Drydock.Sandbox.Files;
using Drydock.Sandbox.Runtime;

namespace Drydock.Tests.Sandbox;

/// <summary>Runs real containers with runc: isolation, limits, the overlay's changes and clean-up.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxRunnerTests : IDisposable
{
    /// <summary>A busy loop of a fixed number of iterations.</summary>
    internal const string CpuWork = "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; echo done";

    private readonly OwnWorkDirectory _work = new();

    private SandboxOptions Quiet => new() { Network = SandboxNetworkMode.None, Trace = false, Timeout = TimeSpan.FromSeconds(30), WorkDirectory = _work.Path };

    public void Dispose() => _work.Dispose();

    private Task<SandboxRun> RunAsync(string script, SandboxOptions? options = null, string? user = null) => RunInAsync(script, options ?? Quiet, user);

    private static async Task<SandboxRun> RunInAsync(string script, SandboxOptions options, string? user = null)
    {
        var runner = new SandboxRunner((_, _, _) => Task.FromResult<ISandboxNetwork>(new IsolatedNetwork()));
        await using var observation = await runner.RunAsync(SandboxImages.Script(script, user), options, CancellationToken.None);
        return observation.Run;
    }

    [RuncFact]
    public async Task Runs_the_entrypoint_and_reports_what_it_changed()
    {
        var run = await RunAsync("""
            echo started
            id
            echo data > /tmp/new.sh
            chmod +x /tmp/new.sh
            rm /etc/motd
            echo more >> /etc/passwd
            mkdir /var
            """);

        Assert.False(run.Outcome.TimedOut);
        Assert.Contains("started", run.Outcome.Output.Stdout);
        Assert.Contains("uid=0(root) gid=0(root)", run.Outcome.Output.Stdout);
        var byPath = run.Files.ToDictionary(f => f.Path);
        Assert.Equal(FileChangeKind.Created, byPath["/tmp/new.sh"].Kind);
        Assert.True(byPath["/tmp/new.sh"].MadeExecutable);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("data\n"u8)), byPath["/tmp/new.sh"].Sha256);
        Assert.Equal(FileChangeKind.Deleted, byPath["/etc/motd"].Kind);
        Assert.Equal(FileChangeKind.Modified, byPath["/etc/passwd"].Kind);
        Assert.Equal(FileChangeKind.Created, byPath["/var"].Kind);
        Assert.DoesNotContain(run.Files, f => f.Path is "/etc/resolv.conf" or "/etc/hosts" or "/proc" or "/dev" or "/tmp");
    }

    [RuncFact]
    public async Task Runs_as_the_image_user()
    {
        var run = await RunAsync("id; touch /etc/forbidden 2>&1 || echo denied", user: "app");
        Assert.Contains("uid=1000(app) gid=1000(app) groups=", run.Outcome.Output.Stdout);
        Assert.Contains("50(staff)", run.Outcome.Output.Stdout);
        Assert.Contains("denied", run.Outcome.Output.Stdout);
        Assert.Equal("1000:1000", run.User);
    }

    [RuncFact]
    public async Task Cannot_see_host_files_processes_or_interfaces()
    {
        var marker = Path.Join(Path.GetTempPath(), "drydock-host-marker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(marker, "host secret");
        try
        {
            var run = await RunAsync($"""
                cat {marker} 2>&1 || echo no-host-file
                ls /proc | grep -c '^[0-9]' 
                ps -o pid,comm
                ip -o link
                cat /proc/1/cmdline; echo
                ls /sys | wc -l
                """);
            var stdout = run.Outcome.Output.Stdout;
            Assert.Contains("no-host-file", stdout);
            Assert.DoesNotContain("host secret", stdout);
            // Only the container's own processes: the script, ls/grep/ps and their shell.
            Assert.DoesNotContain("dotnet", stdout);
            Assert.DoesNotContain("testhost", stdout);
            Assert.Contains("/bin/sh/app.sh", stdout.Replace("\0", ""));
            Assert.Contains("lo:", stdout);
            Assert.DoesNotContain("eth0", stdout);
            Assert.DoesNotContain("veth", stdout);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [RuncFact]
    public Task A_fork_bomb_is_stopped_by_the_pids_limit_and_the_clock() => AssertForkBombIsStoppedAsync(Quiet);

    /// <summary>A fork bomb under a 32-pid limit: forks are refused, the clock kills it, no container of its own is left.</summary>
    internal static async Task AssertForkBombIsStoppedAsync(SandboxOptions quiet)
    {
        var options = quiet with { Timeout = TimeSpan.FromSeconds(8), Limits = quiet.Limits with { Pids = 32 } };
        // The bomb runs in a subshell: a shell whose own fork is refused exits, and the init must outlive the limit.
        var run = await RunInAsync("(bomb() { bomb | bomb & }; bomb); exec sleep 100", options);
        Assert.True(run.Outcome.Resources.PidsLimitHits > 0, $"the pids limit refused no fork: {run.Outcome}");
        Assert.True(run.Outcome.TimedOut);
        Assert.Empty(Directory.EnumerateDirectories(Path.Join(quiet.WorkDirectory, "state")));
        Assert.DoesNotContain(Path.GetFileName(quiet.WorkDirectory), File.ReadAllText("/proc/self/mountinfo"));
    }

    [RuncFact]
    public async Task A_process_that_sleeps_past_the_timeout_is_killed()
    {
        var options = Quiet with { Timeout = TimeSpan.FromSeconds(2) };
        var run = await RunAsync("echo before; sleep 60; echo after", options);
        Assert.True(run.Outcome.TimedOut);
        Assert.InRange(run.Outcome.WallSeconds, 1.9, 20);
        Assert.Contains("before", run.Outcome.Output.Stdout);
        Assert.DoesNotContain("after", run.Outcome.Output.Stdout);
    }

    [RuncFact]
    public async Task A_cpu_burn_is_counted()
    {
        // A fixed amount of work (about 0.4 s of CPU on a quiet core), not a fixed time: CPU time does not shrink under load.
        var run = await RunAsync(CpuWork, Quiet);
        Assert.InRange(run.Outcome.Resources.CpuSeconds, 0.1, 30);
        Assert.True(run.Outcome.Resources.PeakMemoryBytes > 0);
    }

    [RuncFact]
    public async Task Leaves_no_mount_container_or_folder_behind()
    {
        await RunAsync("echo hi");
        Assert.False(_work.HasMounts());
        Assert.Empty(_work.Runs());
        Assert.Empty(_work.Containers());
    }

    [RuncFact]
    public async Task A_cancelled_run_leaves_nothing_behind()
    {
        var runner = new SandboxRunner((_, _, _) => Task.FromResult<ISandboxNetwork>(new IsolatedNetwork()));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(SandboxImages.Script("sleep 100"), Quiet, cancel.Token));
        Assert.False(_work.HasMounts());
        Assert.Empty(_work.Containers());
        Assert.Empty(_work.Runs());
    }

    [RuncFact]
    public async Task An_image_with_nothing_to_run_is_one_line()
    {
        var runner = new SandboxRunner((_, _, _) => Task.FromResult<ISandboxNetwork>(new IsolatedNetwork()));
        var image = new Support.InMemoryImage(SandboxImages.BaseLayer());
        var error = await Assert.ThrowsAsync<SandboxException>(() => runner.RunAsync(image, Quiet, CancellationToken.None));
        Assert.Contains("no Entrypoint or Cmd", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }
}

/// <summary>Sandbox tests share runc's state folder and cgroups: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SandboxCollection
{
    public const string Name = "sandbox";
}
