namespace Drydock.Sandbox.Runtime;

/// <summary>Removes what sandbox runs killed before their clean-up (<c>kill -9</c>, a crash, a power cut) left in a work
/// folder: their container, overlay mount, network namespaces, cgroup and folder. Only runs with a record whose lock
/// is free and whose owner process is gone are touched; folders without a record (another version's, or a run still
/// being set up) and live runs are left alone, so sweeps may run while other runs go on.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxSweeper(string workDirectory)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Sweeps every run folder under the work folder; never throws for a leftover it cannot remove.</summary>
    public async Task<SandboxSweep> SweepAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(workDirectory))
        {
            return new SandboxSweep([], 0);
        }

        var removed = new List<SweptRun>();
        var live = 0;
        foreach (var work in Directory.EnumerateDirectories(workDirectory).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(Path.Join(work, SandboxRunRecord.FileName)))
            {
                continue;
            }

            using var claim = SandboxRunClaim.TryTake(work);
            if (claim is null || claim.Record.Owner.IsAlive())
            {
                live++;
                continue;
            }

            removed.Add(new SweptRun(claim.Record.RunId, claim.Record.Owner.Pid, await RemoveAsync(claim.Record, work).ConfigureAwait(false)));
        }

        return new SandboxSweep(removed, live);
    }

    private static async Task<IReadOnlyList<string>> RemoveAsync(SandboxRunRecord record, string work)
    {
        var removed = new List<string>();
        var id = record.RunId;
        if (Directory.Exists(Path.Join(record.StateRoot, id)))
        {
            // Its processes may still run (a miner does): kill them all, then the container.
            await TryRunAsync(record.Runtime, "--root", record.StateRoot, "kill", "--all", id, "KILL").ConfigureAwait(false);
            await TryRunAsync(record.Runtime, "--root", record.StateRoot, "delete", "--force", id).ConfigureAwait(false);
            removed.Add("container " + id);
        }

        var rootfs = Path.Join(work, "rootfs");
        if (IsMountPoint(rootfs))
        {
            try
            {
                LinuxCalls.Unmount(rootfs);
                removed.Add("mount " + rootfs);
            }
            catch (IOException)
            {
            }
        }

        foreach (var ns in record.Namespaces)
        {
            if (File.Exists("/var/run/netns/" + ns) && await TryRunAsync("ip", "netns", "delete", ns).ConfigureAwait(false))
            {
                removed.Add("netns " + ns);
            }
        }

        removed.AddRange(RemoveCgroups(record.CgroupsPath));
        SandboxObservation.DeleteTree(work);
        if (!Directory.Exists(work))
        {
            removed.Add("folder " + work);
        }

        return removed;
    }

    // The runtime removes the cgroup with the container; one that outlived it (killed during create) is empty and goes here.
    private static IEnumerable<string> RemoveCgroups(string cgroupsPath)
    {
        var relative = cgroupsPath.TrimStart('/');
        var roots = File.Exists("/sys/fs/cgroup/cgroup.controllers")
            ? ["/sys/fs/cgroup"]
            : Directory.Exists("/sys/fs/cgroup") ? Directory.GetDirectories("/sys/fs/cgroup") : [];
        foreach (var root in roots)
        {
            var dir = Path.Join(root, relative);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            bool gone;
            try
            {
                // A cgroup folder is removed with rmdir alone (its files are not real files).
                Directory.Delete(dir);
                gone = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                gone = false;
            }

            if (gone)
            {
                yield return "cgroup " + dir;
            }
        }
    }

    private static bool IsMountPoint(string path)
    {
        try
        {
            // Field 5 of mountinfo is the mount point, with spaces and the like as octal escapes.
            var escaped = path.Replace("\\", "\\134", StringComparison.Ordinal).Replace(" ", "\\040", StringComparison.Ordinal)
                .Replace("\t", "\\011", StringComparison.Ordinal).Replace("\n", "\\012", StringComparison.Ordinal);
            return File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == escaped);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<bool> TryRunAsync(string program, params string[] args)
    {
        try
        {
            await CommandRunner.RunAsync(program, args, CommandTimeout, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (SandboxException)
        {
            return false;
        }
    }
}
