using System.Text.Json;

namespace Drydock.Sandbox.Bundle;

/// <summary>Writes a <see cref="RuntimeSpec"/> as an OCI runtime spec 1.0 <c>config.json</c>: new user, pid, mount,
/// ipc, uts, cgroup and network namespaces, no capabilities beyond a container runtime's defaults, no new
/// privileges, the seccomp filter, masked and read-only /proc paths, and the cgroup limits.</summary>
public static class RuntimeSpecWriter
{
    /// <summary>Docker's default capability set without NET_RAW and MKNOD.</summary>
    public static IReadOnlyList<string> Capabilities { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_SETFCAP", "CAP_AUDIT_WRITE",
    ];

    private static readonly string[] MaskedPaths =
    [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    private static readonly string[] ReadonlyPaths =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    private const long CpuPeriod = 100_000;

    /// <summary>Writes the spec to <paramref name="output"/>; the root filesystem is the bundle's <c>rootfs</c>.</summary>
    public static void Write(RuntimeSpec spec, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("ociVersion", "1.0.2");
        WriteProcess(json, spec.Process);
        json.WriteStartObject("root");
        json.WriteString("path", "rootfs");
        json.WriteBoolean("readonly", false);
        json.WriteEndObject();
        json.WriteString("hostname", "sandbox");
        WriteMounts(json, spec.ReadOnlyFiles);
        WriteLinux(json, spec);
        json.WriteEndObject();
    }

    private static void WriteProcess(Utf8JsonWriter json, ProcessSpec process)
    {
        json.WriteStartObject("process");
        json.WriteBoolean("terminal", false);
        json.WriteStartObject("user");
        json.WriteNumber("uid", process.Uid);
        json.WriteNumber("gid", process.Gid);
        if (process.AdditionalGids.Count > 0)
        {
            json.WriteStartArray("additionalGids");
            foreach (var gid in process.AdditionalGids)
            {
                json.WriteNumberValue(gid);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        WriteStrings(json, "args", process.Arguments);
        WriteStrings(json, "env", process.Environment);
        json.WriteString("cwd", process.WorkingDirectory);
        json.WriteStartObject("capabilities");
        foreach (var set in new[] { "bounding", "effective", "permitted" })
        {
            WriteStrings(json, set, Capabilities);
        }

        json.WriteEndObject();
        json.WriteStartArray("rlimits");
        json.WriteStartObject();
        json.WriteString("type", "RLIMIT_NOFILE");
        json.WriteNumber("hard", 4096);
        json.WriteNumber("soft", 1024);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "RLIMIT_CORE");
        json.WriteNumber("hard", 0);
        json.WriteNumber("soft", 0);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteBoolean("noNewPrivileges", true);
        json.WriteEndObject();
    }

    private static void WriteMounts(Utf8JsonWriter json, IReadOnlyDictionary<string, string> files)
    {
        json.WriteStartArray("mounts");
        Mount(json, "/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]);
        Mount(json, "/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]);
        Mount(json, "/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]);
        Mount(json, "/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]);
        Mount(json, "/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]);
        // sysfs cannot be mounted from a user namespace that does not own the network namespace; an empty,
        // read-only tmpfs stands in for it so nothing of the host's /sys shows.
        Mount(json, "/sys", "tmpfs", "tmpfs", ["nosuid", "noexec", "nodev", "ro", "size=4k"]);
        foreach (var (destination, source) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Mount(json, destination, "bind", source, ["bind", "ro", "nosuid", "nodev", "noexec"]);
        }

        json.WriteEndArray();
    }

    private static void WriteLinux(Utf8JsonWriter json, RuntimeSpec spec)
    {
        json.WriteStartObject("linux");
        foreach (var name in new[] { "uidMappings", "gidMappings" })
        {
            json.WriteStartArray(name);
            json.WriteStartObject();
            json.WriteNumber("containerID", 0);
            json.WriteNumber("hostID", spec.Ids.HostId);
            json.WriteNumber("size", spec.Ids.Size);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartArray("namespaces");
        foreach (var type in new[] { "user", "pid", "mount", "ipc", "uts", "cgroup" })
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteEndObject();
        }

        json.WriteStartObject();
        json.WriteString("type", "network");
        if (spec.NetworkNamespacePath is { } path)
        {
            json.WriteString("path", path);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("cgroupsPath", spec.CgroupsPath);
        json.WriteStartObject("resources");
        json.WriteStartObject("memory");
        json.WriteNumber("limit", spec.Limits.MemoryBytes);
        json.WriteEndObject();
        json.WriteStartObject("pids");
        json.WriteNumber("limit", spec.Limits.Pids);
        json.WriteEndObject();
        json.WriteStartObject("cpu");
        json.WriteNumber("quota", (long)Math.Max(1000, spec.Limits.Cpus * CpuPeriod));
        json.WriteNumber("period", CpuPeriod);
        json.WriteEndObject();
        json.WriteEndObject();
        WriteStrings(json, "maskedPaths", MaskedPaths);
        WriteStrings(json, "readonlyPaths", ReadonlyPaths);
        SeccompProfile.Write(json);
        json.WriteEndObject();
    }

    private static void Mount(Utf8JsonWriter json, string destination, string type, string source, string[] options)
    {
        json.WriteStartObject();
        json.WriteString("destination", destination);
        json.WriteString("type", type);
        json.WriteString("source", source);
        WriteStrings(json, "options", options);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
