using System.Globalization;

namespace Drydock.Sandbox.Runtime;

/// <summary>A process as it can be told apart from a later one that reuses its pid: the pid, its start time in clock
/// ticks since boot (<c>/proc/PID/stat</c> field 22) and the boot it started in.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">When it started, in clock ticks since boot.</param>
/// <param name="BootId">The kernel's boot id (<c>/proc/sys/kernel/random/boot_id</c>).</param>
public readonly record struct ProcessIdentity(int Pid, long StartTicks, string BootId)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current() => Of(Environment.ProcessId) ?? new ProcessIdentity(Environment.ProcessId, 0, BootIdNow());

    /// <summary>Process <paramref name="pid"/> as it is now, or null when there is none.</summary>
    public static ProcessIdentity? Of(int pid) => StartTicksOf(pid) is { } ticks ? new ProcessIdentity(pid, ticks, BootIdNow()) : null;

    /// <summary>True while this very process (same pid, same start, same boot) still exists.</summary>
    public bool IsAlive() => BootId == BootIdNow() && StartTicksOf(Pid) == StartTicks;

    private static string BootIdNow()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static long? StartTicksOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
        var rest = stat.AsSpan(stat.LastIndexOf(')') + 1);
        var field = 2;
        foreach (var range in rest.Split(' '))
        {
            if (rest[range].IsEmpty)
            {
                continue;
            }

            if (++field == 22)
            {
                return long.TryParse(rest[range], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
            }
        }

        return null;
    }
}
