namespace Drydock.Tests.Sandbox;

/// <summary>A fact that runs a container: needs root, runc and busybox-static; skipped with the reason otherwise.</summary>
public sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        Skip = SandboxHost.MissingReason();
    }
}

/// <summary>What the sandbox tests need from the host.</summary>
internal static class SandboxHost
{
    /// <summary>Debian's busybox-static: one static binary that runs in an empty root.</summary>
    public const string Busybox = "/usr/bin/busybox";

    /// <summary>Why the sandbox tests cannot run here, or null when they can.</summary>
    public static string? MissingReason()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return "the sandbox tests need Linux and root";
        }

        foreach (var tool in new[] { "/usr/sbin/runc", "/usr/bin/strace", "/usr/sbin/ip", "/usr/sbin/iptables", Busybox })
        {
            if (!File.Exists(tool))
            {
                return $"{tool} is absent (scripts/install-deps.sh installs runc, strace, iproute2, iptables and busybox-static)";
            }
        }

        return null;
    }
}
