using System.Collections.Frozen;

namespace Drydock.Detection.Misconfigurations;

/// <summary>The setuid and setgid files each distribution family ships in its usual packages (shadow/login, util-linux,
/// sudo, OpenSSH, cron, at, fuse, polkit, dbus, PAM). Paths are written without a leading <c>usr/</c>, so <c>/bin/su</c>
/// and <c>/usr/bin/su</c> (merged /usr) are the same entry. A file outside its family's set is worth a look; an unknown
/// family is judged against all of them.</summary>
public static class SetuidBaseline
{
    // Debian and Ubuntu (bookworm minbase has su, mount, umount, passwd, chsh, chfn, gpasswd, newgrp setuid and
    // chage, expiry, unix_chkpwd setgid; the rest come with the packages named above).
    private static readonly string[] Debian =
    [
        "bin/su", "bin/mount", "bin/umount", "bin/passwd", "bin/chsh", "bin/chfn", "bin/gpasswd", "bin/newgrp", "bin/chage", "bin/expiry",
        "sbin/unix_chkpwd", "sbin/pam_extrausers_chkpwd", "bin/sudo", "bin/pkexec", "bin/fusermount", "bin/fusermount3", "bin/ntfs-3g",
        "bin/crontab", "bin/at", "bin/ssh-agent", "bin/wall", "bin/write", "bin/bsd-write", "bin/dotlockfile", "bin/plocate", "bin/mlocate",
        "lib/openssh/ssh-keysign", "lib/dbus-1.0/dbus-daemon-launch-helper", "lib/eject/dmcrypt-get-device",
        "lib/policykit-1/polkit-agent-helper-1", "lib/polkit-1/polkit-agent-helper-1", "lib/x86_64-linux-gnu/utempter/utempter",
        "lib/aarch64-linux-gnu/utempter/utempter", "sbin/mount.nfs", "sbin/mount.cifs", "sbin/pppd",
    ];

    // Alpine: busybox's setuid helper, plus shadow, util-linux, sudo, doas, fuse and dbus when installed.
    private static readonly string[] Alpine =
    [
        "bin/bbsuid", "bin/su", "bin/mount", "bin/umount", "bin/passwd", "bin/chsh", "bin/chfn", "bin/gpasswd", "bin/newgrp", "bin/chage",
        "bin/expiry", "bin/sudo", "bin/doas", "bin/fusermount", "bin/fusermount3", "sbin/unix_chkpwd", "lib/dbus-1/dbus-daemon-launch-helper",
        "libexec/dbus-daemon-launch-helper",
    ];

    // RHEL, CentOS, Rocky, Alma, Fedora, Oracle and Amazon Linux.
    private static readonly string[] RedHat =
    [
        "bin/su", "bin/mount", "bin/umount", "bin/passwd", "bin/chage", "bin/gpasswd", "bin/newgrp", "bin/chfn", "bin/chsh", "bin/sudo",
        "bin/pkexec", "bin/crontab", "bin/at", "bin/fusermount", "bin/fusermount3", "bin/staprun", "bin/write", "bin/ssh-agent", "bin/locate",
        "sbin/unix_chkpwd", "sbin/pam_timestamp_check", "sbin/userhelper", "sbin/grub2-set-bootflag", "sbin/mount.nfs",
        "lib/polkit-1/polkit-agent-helper-1", "libexec/dbus-1/dbus-daemon-launch-helper", "libexec/utempter/utempter",
        "libexec/openssh/ssh-keysign", "lib64/dbus-1/dbus-daemon-launch-helper",
    ];

    private static readonly FrozenSet<string> DebianSet = Debian.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> AlpineSet = Alpine.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> RedHatSet = RedHat.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> AnySet = Debian.Concat(Alpine).Concat(RedHat).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The family name used in evidence: debian, alpine, redhat, or any (unknown family).</summary>
    public static string FamilyOf(string? osFamily) => osFamily switch
    {
        "debian" or "ubuntu" or "raspbian" or "kali" or "devuan" or "linuxmint" or "pop" => "debian",
        "alpine" or "wolfi" or "chainguard" => "alpine",
        "redhat" or "rhel" or "centos" or "rocky" or "almalinux" or "fedora" or "oracle" or "ol" or "amazon" or "amzn" => "redhat",
        _ => "any",
    };

    /// <summary>True when <paramref name="path"/> (normalised, no leading slash) is a usual setuid/setgid file of the family.</summary>
    public static bool IsUsual(string family, string path)
    {
        var key = path.StartsWith("usr/", StringComparison.Ordinal) ? path[4..] : path;
        var set = family switch
        {
            "debian" => DebianSet,
            "alpine" => AlpineSet,
            "redhat" => RedHatSet,
            _ => AnySet,
        };
        return set.Contains(key);
    }
}
