using System.Globalization;

namespace Drydock.Sandbox.Tracing;

/// <summary>An fd argument as strace prints it: <c>3</c>, <c>AT_FDCWD</c>, either with a <c>&lt;decoration&gt;</c>.</summary>
internal readonly record struct FdArgument(int? Fd, bool IsCwd, string? Decoration)
{
    private static readonly string[] SocketPrefixes =
        ["socket:[", "TCP", "UDP", "UNIX", "RAW", "SCTP", "NETLINK", "PACKET", "DCCP", "PING", "L2TP", "MPTCP"];

    /// <summary>Null when fds were not decoded, else whether the decoration names a socket.</summary>
    public bool? IsSocket
    {
        get
        {
            if (Decoration is not { } decoration)
            {
                return null;
            }

            foreach (var prefix in SocketPrefixes)
            {
                if (decoration.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static FdArgument Parse(string arg)
    {
        var decoration = SyscallText.Decoration(arg);
        var open = arg.IndexOf('<');
        var number = (open < 0 ? arg : arg[..open]).Trim();
        if (number == "AT_FDCWD")
        {
            return new FdArgument(null, true, decoration);
        }

        return int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fd)
            ? new FdArgument(fd, false, decoration)
            : new FdArgument(null, false, decoration);
    }

    /// <summary>A path relative to this fd (the cwd when it is AT_FDCWD).</summary>
    public TracePath Path(string arg, int maxBytes)
    {
        var value = SyscallText.DecodeString(arg, maxBytes, out var truncated);
        return IsCwd ? new TracePath(value, truncated, null, null) : new TracePath(value, truncated, Fd ?? -1, Decoration);
    }
}
