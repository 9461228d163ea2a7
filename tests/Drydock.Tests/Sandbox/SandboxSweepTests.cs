using System.Diagnostics;
using System.Text.Json;
using Drydock.Assessment;
using Drydock.Sandbox;
using Drydock.Sandbox.Runtime;
using Drydock.Sources;
using Drydock.Tests.Cli;
using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox;

/// <summary>A sandbox run killed with SIGKILL leaves its container, overlay mount, network namespaces and folder; the sweep
/// removes exactly those while another run goes on untouched.</summary>
[Collection(SandboxCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxSweepTests : IDisposable
{
    private readonly string _dir = RepoPaths.Scratch("sandbox-sweep");
    private readonly OwnWorkDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [RuncFact]
    public async Task A_run_killed_with_SIGKILL_is_swept_while_a_concurrent_run_is_untouched_and_finishes()
    {
        var sleeper = await UmociImage.BuildAsync(Path.Join(_dir, "sleeper"), "echo started\nsleep 100\n");

        // The concurrent run, in this process with the full sandbox: it waits until the test lets it finish.
        var go = Path.Join(_dir, "go");
        var survivorImage = SandboxImages.Script("until wget -q -O /tmp/go http://198.51.100.7/go; do sleep 0.3; done\necho survivor-done\n");
        var survivorOptions = new SandboxOptions
        {
            Timeout = TimeSpan.FromMinutes(3), WorkDirectory = _work.Path, HttpFiles = new Dictionary<string, string> { ["/go"] = go },
        };
        var survivor = new SandboxAssessment(new ImageOpener([survivorImage])).RunAsync(survivorImage.Reference, new SourceOptions(), survivorOptions, CancellationToken.None);
        var survivorId = await WaitForAsync(() => _work.Runs().SingleOrDefault(), null, survivor);
        await WaitForRunningAsync(survivorId, null, survivor);

        // The victim: the real CLI in a child process, killed with SIGKILL while its container runs.
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Join(AppContext.BaseDirectory, "drydock.dll"), "sandbox", sleeper, "--timeout", "3m", "--work-dir", _work.Path })
        {
            psi.ArgumentList.Add(arg);
        }

        string victimId;
        SandboxRunRecord record;
        using (var victim = Process.Start(psi)!)
        {
            var stderr = victim.StandardError.ReadToEndAsync();
            _ = victim.StandardOutput.ReadToEndAsync();
            victimId = await WaitForAsync(() => _work.Runs().SingleOrDefault(r => r != survivorId), victim, survivor);
            await WaitForRunningAsync(victimId, victim, survivor);
            // The record is locked by its owner (flock is advisory: cat reads it).
            var text = await ProcessRunner.RunCheckedAsync("cat", Path.Join(_work.Path, victimId, SandboxRunRecord.FileName));
            record = JsonSerializer.Deserialize(text.Stdout, SandboxRunRecordJsonContext.Default.SandboxRunRecord)!;
            Assert.Equal((victimId, victim.Id), (record.RunId, record.Owner.Pid));
            await WaitForAsync(() => record.Namespaces.All(ns => File.Exists("/var/run/netns/" + ns)) ? "" : null, victim, survivor);
            Assert.True(_work.HasMounts());
            victim.Kill(); // SIGKILL: no clean-up ran
            await victim.WaitForExitAsync();
            Assert.DoesNotContain("removed", await stderr);
        }

        Assert.Contains(victimId, _work.Containers());
        var rootfs = Path.Join(_work.Path, victimId, "rootfs");
        Assert.True(IsMounted(rootfs));

        var cleanup = await CliRunner.InProcessAsync("sandbox", "--cleanup", "--work-dir", _work.Path);
        Assert.True(cleanup.ExitCode == 0, cleanup.Stderr);
        var lines = cleanup.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"removed {victimId} (owner pid {record.Owner.Pid} gone): container {victimId}, mount {rootfs}, netns {record.Namespaces[0]}, netns {record.Namespaces[1]}", lines[0]);
        Assert.EndsWith($"folder {Path.Join(_work.Path, victimId)}", lines[0]);
        Assert.StartsWith("1 dead run(s) removed, 1 live run(s) left alone", lines[1]);

        // Exactly the victim's things are gone; the survivor's are all there.
        Assert.Equal([survivorId], _work.Runs());
        Assert.Equal([survivorId], _work.Containers());
        Assert.False(IsMounted(rootfs));
        Assert.True(IsMounted(Path.Join(_work.Path, survivorId, "rootfs")));
        var netns = await Network.NetnsTool.ListAsync();
        Assert.Empty(netns.Intersect(record.Namespaces));
        Assert.False(survivor.IsCompleted);

        // A second sweep finds nothing more to do.
        var again = await CliRunner.InProcessAsync("sandbox", "--cleanup", "--work-dir", _work.Path);
        Assert.StartsWith("0 dead run(s) removed, 1 live run(s) left alone", again.Stdout);

        await File.WriteAllTextAsync(go, "go\n");
        var behaviour = await survivor;
        Assert.False(behaviour.TimedOut);
        Assert.Contains("survivor-done", behaviour.Stdout);
        Assert.Equal(0, behaviour.ExitCode);
        Assert.Empty(_work.Runs());
        Assert.Empty(_work.Containers());
        Assert.False(_work.HasMounts());
    }

    [RuncFact]
    public async Task Cleanup_takes_no_image_and_an_empty_sweep_says_so()
    {
        var both = await CliRunner.InProcessAsync("sandbox", "oci:/no/such:t", "--cleanup");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--cleanup runs nothing", both.Stderr);
        var none = await CliRunner.InProcessAsync("sandbox");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("IMAGE is required", none.Stderr);
        var empty = await CliRunner.InProcessAsync("sandbox", "--cleanup", "--work-dir", _work.Path);
        Assert.Equal((0, $"0 dead run(s) removed, 0 live run(s) left alone in {_work.Path}\n"), (empty.ExitCode, empty.Stdout));
    }

    private static bool IsMounted(string path) => File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ') is { Length: > 4 } f && f[4] == path);

    private Task<string> WaitForRunningAsync(string id, Process? owner, Task survivor) =>
        WaitForAsync(async () => _work.Containers().Contains(id)
            && (await ProcessRunner.RunAsync("runc", ["--root", _work.State, "state", id], TimeSpan.FromSeconds(10))).Stdout.Contains("\"running\"", StringComparison.Ordinal)
            ? id : null, owner, survivor);

    private static Task<string> WaitForAsync(Func<string?> value, Process? owner, Task survivor) =>
        WaitForAsync(() => Task.FromResult(value()), owner, survivor);

    // Polls until the value is there; fails early when a process it waits on has ended.
    private static async Task<string> WaitForAsync(Func<Task<string?>> value, Process? owner, Task survivor)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await value() is { } found)
            {
                return found;
            }

            Assert.False(owner?.HasExited ?? false, "the victim ended before it could be killed");
            if (survivor.IsFaulted)
            {
                await survivor; // its error
            }

            Assert.False(survivor.IsCompleted, "the concurrent run ended early");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the sandbox run did not start");
            await Task.Delay(100);
        }
    }
}
