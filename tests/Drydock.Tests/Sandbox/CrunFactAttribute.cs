namespace Drydock.Tests.Sandbox;

/// <summary>A fact that runs a container with crun: needs what <see cref="RuncFactAttribute"/> needs, crun, and (on a
/// hybrid cgroup host) no controller left on cgroup v2 (scripts/sandbox-host-setup.sh); skipped with the reason otherwise.</summary>
public sealed class CrunFactAttribute : FactAttribute
{
    public CrunFactAttribute()
    {
        Skip = SandboxHost.MissingReason() ?? CrunMissingReason();
    }

    private static string? CrunMissingReason()
    {
        if (!File.Exists("/usr/bin/crun"))
        {
            return "/usr/bin/crun is absent (scripts/install-deps.sh installs it)";
        }

        const string Unified = "/sys/fs/cgroup/unified/cgroup.controllers";
        return File.Exists(Unified) && File.ReadAllText(Unified).Trim() is { Length: > 0 } left
            ? $"crun refuses this hybrid cgroup host while {left} is on cgroup v2 (run scripts/sandbox-host-setup.sh as root)"
            : null;
    }
}
