using Drydock.Sandbox.Tracing;

namespace Drydock.Tests.Sandbox.Tracing;

/// <summary>A fact that runs Debian's strace and busybox-static; skipped with the reason when either is absent.</summary>
public sealed class StraceFactAttribute : FactAttribute
{
    public StraceFactAttribute()
    {
        if (!File.Exists(StraceInvocation.DefaultExecutable))
        {
            Skip = $"strace is absent ({StraceInvocation.DefaultExecutable}; apt-get install strace, see scripts/install-deps.sh)";
        }
        else if (!File.Exists(BusyboxTrace.Busybox))
        {
            Skip = $"busybox is absent ({BusyboxTrace.Busybox}; apt-get install busybox-static)";
        }
    }
}
