using System.Diagnostics;
using System.Security.Cryptography;
using Drydock.Sandbox.Bundle;
using Drydock.Sandbox.Files;
using Drydock.Sandbox.Runtime;
using Drydock.Sources;

namespace Drydock.Sandbox;

/// <summary>Runs an image once in the sandbox: unpacks it into a read-only root under a writable overlay, writes
/// the OCI bundle, creates the container with the runtime, attaches the tracer, starts it, enforces the
/// wall-clock limit, reads the cgroup's counters and the overlay's changes, and always cleans up (container,
/// tracer, mount, bundle, network) whatever happened.</summary>
/// <param name="networkFactory">Makes the run's network; the string is the id its namespaces must be named after
/// (<see cref="Network.SinkNetwork.NamespaceNames"/>), recorded before they exist so that a sweep finds them.</param>
/// <param name="tracer">The tracer, or null for none.</param>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxRunner(Func<SandboxOptions, string, CancellationToken, Task<ISandboxNetwork>> networkFactory, ITraceArguments? tracer = null)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Container paths the sandbox itself creates in the root: never the image's doing.</summary>
    private static readonly IReadOnlySet<string> SandboxPaths = new HashSet<string>(StringComparer.Ordinal)
    {
        "/proc", "/sys", "/dev", "/etc/resolv.conf", "/etc/hosts", "/etc/hostname",
    };

    /// <summary>Runs <paramref name="image"/> and returns what was observed.</summary>
    /// <exception cref="SandboxException">The host cannot run the sandbox (not root, no runtime) or setup failed.</exception>
    public async Task<SandboxObservation> RunAsync(IImage image, SandboxOptions options, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || System.Environment.UserName != "root")
        {
            throw new SandboxException("the sandbox needs Linux and root (namespaces, mounts, cgroups)");
        }

        // Leftovers of runs killed before their clean-up (their owner is gone) go first; live runs are never touched.
        await new SandboxSweeper(options.WorkDirectory).SweepAsync(cancellationToken).ConfigureAwait(false);
        var id = "dd" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var networkId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var work = Path.Join(options.WorkDirectory, id);
        var lower = Path.Join(work, "image");
        var upper = Path.Join(work, "upper");
        var overlayWork = Path.Join(work, "work");
        var rootfs = Path.Join(work, "rootfs");
        var files = Path.Join(work, "files");
        var runtime = new OciRuntime(options.Runtime, Path.Join(options.WorkDirectory, "state"));
        var cgroupsPath = $"/drydock-sandbox/{id}";
        ISandboxNetwork? network = null;
        CreatedContainer? container = null;
        TracerProcess? trace = null;
        var mounted = false;
        SandboxRunClaim? claim = null;
        try
        {
            Directory.CreateDirectory(work);
            File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            var (sinkNamespace, containerNamespace) = Network.SinkNetwork.NamespaceNames(networkId);
            claim = SandboxRunClaim.Take(work, new SandboxRunRecord(id, ProcessIdentity.Current(), options.Runtime, runtime.StateRoot, cgroupsPath,
                [sinkNamespace, containerNamespace]));
            var extraction = await new RootFsExtractor(options.InputLimits, options.Ids, options.MaxRootFsBytes)
                .ExtractAsync(image, lower, cancellationToken).ConfigureAwait(false);
            var process = ProcessSpecBuilder.Build(image.Config.Config, lower, options);

            network = await networkFactory(options, networkId, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(files);
            var resolv = Path.Join(files, "resolv.conf");
            await File.WriteAllTextAsync(resolv, network.NameServer is { } ns ? $"nameserver {ns}\n" : "", cancellationToken).ConfigureAwait(false);
            var hosts = Path.Join(files, "hosts");
            await File.WriteAllTextAsync(hosts, "127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.1.1\tsandbox\n", cancellationToken).ConfigureAwait(false);
            var hostname = Path.Join(files, "hostname");
            await File.WriteAllTextAsync(hostname, "sandbox\n", cancellationToken).ConfigureAwait(false);

            foreach (var dir in new[] { upper, overlayWork, rootfs })
            {
                Directory.CreateDirectory(dir);
            }

            LinuxCalls.ChangeOwner(upper, options.Ids.ToHost(0), options.Ids.ToHost(0));
            File.SetUnixFileMode(upper, (UnixFileMode)0b111_101_101);
            LinuxCalls.MountOverlay(lower, upper, overlayWork, rootfs);
            mounted = true;

            var spec = new RuntimeSpec(process, options.Ids, options.Limits, cgroupsPath, network.NamespacePath,
                new Dictionary<string, string> { ["/etc/resolv.conf"] = resolv, ["/etc/hosts"] = hosts, ["/etc/hostname"] = hostname });
            await using (var config = File.Create(Path.Join(work, "config.json")))
            {
                RuntimeSpecWriter.Write(spec, config);
            }

            container = await runtime.CreateAsync(id, work, options.KeepOutputBytes, cancellationToken).ConfigureAwait(false);
            var traceFile = Path.Join(work, "trace.txt");
            var threads = InitThreads(container.InitPid);
            if (options.Trace && tracer is not null)
            {
                trace = await TracerProcess.AttachAsync(tracer.Executable, tracer.Arguments(container.InitPid, traceFile), container.InitPid, cancellationToken).ConfigureAwait(false);
            }

            var clock = Stopwatch.StartNew();
            await runtime.StartAsync(id, cancellationToken).ConfigureAwait(false);
            var timedOut = await WaitAsync(container, options.Timeout, cancellationToken).ConfigureAwait(false);
            if (timedOut)
            {
                await runtime.KillAllAsync(id).ConfigureAwait(false);
            }

            var wall = clock.Elapsed.TotalSeconds;
            if (trace is not null)
            {
                await trace.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }

            // The counters go with the cgroup when the container is deleted.
            var resources = new CgroupReader().Read(cgroupsPath);
            await runtime.KillAllAsync(id).ConfigureAwait(false);
            var output = await container.OutputAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            await runtime.DeleteAsync(id).ConfigureAwait(false);
            var changes = new UpperDirDiff().Read(upper, lower, SandboxPaths, out var dropped);
            var user = $"{process.Uid}:{process.Gid}";
            var outcome = new ContainerOutcome(Math.Round(wall, 3), timedOut, resources, output);
            var traceText = trace is not null && File.Exists(traceFile) ? traceFile : null;
            return new SandboxObservation(new SandboxRun(process.Arguments, user, outcome, changes, dropped, traceText, extraction), network, work,
                container.InitPid, process.WorkingDirectory, threads, claim);
        }
        catch
        {
            await CleanUpAsync(runtime, id, container, trace, mounted ? rootfs : null, network, work).ConfigureAwait(false);
            claim?.Dispose();
            throw;
        }
        finally
        {
            trace?.Dispose();
            container?.Dispose();
            if (mounted)
            {
                LinuxCalls.Unmount(rootfs);
            }
        }
    }

    /// <summary>Removes what a failed run left behind; every step runs even when an earlier one fails.</summary>
    private static async Task CleanUpAsync(OciRuntime runtime, string id, CreatedContainer? container, TracerProcess? trace,
        string? mount, ISandboxNetwork? network, string work)
    {
        // A create that failed half way may still have left state behind: delete whether or not it returned.
        if (container is not null)
        {
            await runtime.KillAllAsync(id).ConfigureAwait(false);
        }

        await runtime.DeleteAsync(id).ConfigureAwait(false);

        trace?.Dispose();
        if (mount is not null)
        {
            LinuxCalls.Unmount(mount);
        }

        if (network is not null)
        {
            await network.DisposeAsync().ConfigureAwait(false);
        }

        SandboxObservation.DeleteTree(work);
    }

    // The runtime's init is a Go program: its threads are traced with it until the exec ends them.
    private static int[] InitThreads(int pid)
    {
        try
        {
            return [.. Directory.EnumerateDirectories($"/proc/{pid}/task").Select(Path.GetFileName)
                .Select(n => int.TryParse(n, out var tid) ? tid : 0).Where(tid => tid > 0 && tid != pid)];
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static async Task<bool> WaitAsync(CreatedContainer container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (container.InitRunning)
        {
            if (clock.Elapsed >= timeout)
            {
                return true;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}
