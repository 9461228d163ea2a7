using System.Runtime.InteropServices;

namespace Drydock.Sandbox.Runtime;

/// <summary>The few Linux calls .NET has no API for: owner changes without following links, overlay mounts.</summary>
internal static partial class LinuxCalls
{
    private const int MntDetach = 2;

    /// <summary>Changes the owner of a path without following a final symlink.</summary>
    public static void ChangeOwner(string path, int uid, int gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw new IOException($"lchown {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Mounts an overlay of <paramref name="lower"/> (read-only) and <paramref name="upper"/> at <paramref name="target"/>.</summary>
    public static void MountOverlay(string lower, string upper, string work, string target)
    {
        var data = $"lowerdir={lower},upperdir={upper},workdir={work}";
        if (mount("overlay", target, "overlay", 0, data) != 0)
        {
            throw new SandboxException($"cannot mount the sandbox overlay at {target}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Detaches a mount; a path that is not mounted is not an error.</summary>
    public static void Unmount(string target)
    {
        if (umount2(target, MntDetach) != 0 && Marshal.GetLastPInvokeError() is not (22 or 2))
        {
            throw new IOException($"umount {target}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>Creates a hard link.</summary>
    public static bool TryLink(string existing, string created) => link(existing, created) == 0;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lchown(string path, int owner, int group);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string type, nuint flags, string data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string created);
}
