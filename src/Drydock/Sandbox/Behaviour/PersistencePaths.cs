namespace Drydock.Sandbox.Behaviour;

/// <summary>Paths whose change makes a program run again later: crontabs, boot and service files, shell start-up
/// files, the dynamic loader's preload list and SSH keys.</summary>
public static class PersistencePaths
{
    private static readonly string[] Prefixes =
    [
        "/etc/cron.d/", "/etc/cron.hourly/", "/etc/cron.daily/", "/etc/cron.weekly/", "/etc/cron.monthly/", "/etc/crontabs/",
        "/var/spool/cron/", "/etc/init.d/", "/etc/rc.d/", "/etc/systemd/system/", "/lib/systemd/system/", "/usr/lib/systemd/system/",
        "/etc/profile.d/", "/etc/xdg/autostart/", "/etc/update-motd.d/",
    ];

    private static readonly string[] Exact =
        ["/etc/crontab", "/etc/rc.local", "/etc/profile", "/etc/bash.bashrc", "/etc/environment", "/etc/ld.so.preload", "/etc/inittab"];

    private static readonly string[] HomeFiles =
        ["/.bashrc", "/.bash_profile", "/.profile", "/.bash_login", "/.zshrc", "/.ssh/authorized_keys", "/.ssh/authorized_keys2"];

    /// <summary>True when a write to <paramref name="path"/> (absolute, inside the container) persists a program.</summary>
    public static bool Matches(string path)
    {
        if (Exact.Contains(path, StringComparer.Ordinal) || Prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }

        if (path.StartsWith("/etc/rc", StringComparison.Ordinal) && path.Contains(".d/", StringComparison.Ordinal))
        {
            return true;
        }

        var home = path.StartsWith("/root/", StringComparison.Ordinal) ? "/root".Length
            : path.StartsWith("/home/", StringComparison.Ordinal) ? path.IndexOf('/', "/home/".Length) : -1;
        return home > 0 && HomeFiles.Contains(path[home..], StringComparer.Ordinal);
    }

    /// <summary>How sure a write there is persistence: the preload list and SSH keys are rarely touched otherwise.</summary>
    public static Analysis.Content.Confidence ConfidenceOf(string path) =>
        path == "/etc/ld.so.preload" || path.Contains("/.ssh/authorized_keys", StringComparison.Ordinal)
            ? Analysis.Content.Confidence.High
            : Analysis.Content.Confidence.Medium;
}
