using System.Text.Json;

namespace Drydock.Sandbox.Bundle;

/// <summary>The sandbox's seccomp filter: everything allowed except the calls a container never needs and that
/// would attack the host kernel or hide behaviour from the tracer (the set Docker's default profile withholds,
/// plus io_uring, whose operations bypass syscall tracing, and nested namespaces).</summary>
public static class SeccompProfile
{
    /// <summary>The denied system calls; each fails with EPERM.</summary>
    public static IReadOnlyList<string> Denied { get; } =
    [
        "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "finit_module",
        "fsconfig", "fsmount", "fsopen", "fspick", "get_kernel_syms", "get_mempolicy", "init_module", "io_uring_enter",
        "io_uring_register", "io_uring_setup", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl",
        "lookup_dcookie", "mbind", "mount", "mount_setattr", "move_mount", "move_pages", "name_to_handle_at", "nfsservctl",
        "open_by_handle_at", "open_tree", "perf_event_open", "personality", "pivot_root", "process_vm_readv",
        "process_vm_writev", "ptrace", "query_module", "quotactl", "reboot", "request_key", "set_mempolicy", "setns",
        "settimeofday", "stime", "swapoff", "swapon", "sysfs", "syslog", "umount", "umount2", "unshare", "uselib",
        "userfaultfd", "ustat", "vm86", "vm86old",
    ];

    /// <summary>Writes the profile as the OCI runtime spec's <c>linux.seccomp</c> object.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("seccomp");
        json.WriteString("defaultAction", "SCMP_ACT_ALLOW");
        json.WriteStartArray("architectures");
        json.WriteStringValue("SCMP_ARCH_X86_64");
        json.WriteStringValue("SCMP_ARCH_X86");
        json.WriteStringValue("SCMP_ARCH_X32");
        json.WriteEndArray();
        json.WriteStartArray("syscalls");
        json.WriteStartObject();
        json.WriteStartArray("names");
        foreach (var name in Denied)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteString("action", "SCMP_ACT_ERRNO");
        json.WriteNumber("errnoRet", 1);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
