namespace Drydock.Sandbox.Runtime;

/// <summary>Reads a container's counters from its cgroup, on cgroup v1 (one hierarchy per controller, as on hybrid
/// hosts) and on the unified v2 hierarchy.</summary>
public sealed class CgroupReader(string root = "/sys/fs/cgroup")
{
    /// <summary>The counters of the cgroup at <paramref name="cgroupsPath"/> (as the runtime spec names it).</summary>
    public ResourceUsage Read(string cgroupsPath)
    {
        var relative = cgroupsPath.TrimStart('/');
        if (File.Exists(Path.Join(root, "cgroup.controllers")))
        {
            var dir = Path.Join(root, relative);
            return new ResourceUsage(
                KeyedValue(Path.Join(dir, "cpu.stat"), "usage_usec") / 1e6,
                Number(Path.Join(dir, "memory.peak")),
                KeyedValue(Path.Join(dir, "pids.events"), "max"),
                KeyedValue(Path.Join(dir, "memory.events"), "oom_kill"));
        }

        return new ResourceUsage(
            Number(Path.Join(root, "cpuacct", relative, "cpuacct.usage")) / 1e9,
            Number(Path.Join(root, "memory", relative, "memory.max_usage_in_bytes")),
            KeyedValue(Path.Join(root, "pids", relative, "pids.events"), "max"),
            KeyedValue(Path.Join(root, "memory", relative, "memory.oom_control"), "oom_kill"));
    }

    private static long Number(string path) =>
        TryRead(path) is { } text && long.TryParse(text.Trim(), out var value) ? value : 0;

    private static long KeyedValue(string path, string key)
    {
        foreach (var line in (TryRead(path) ?? "").Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space > 0 && line.AsSpan(0, space).SequenceEqual(key) && long.TryParse(line.AsSpan(space + 1).Trim(), out var value))
            {
                return value;
            }
        }

        return 0;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
