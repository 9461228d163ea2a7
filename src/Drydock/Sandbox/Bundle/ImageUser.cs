namespace Drydock.Sandbox.Bundle;

/// <summary>Resolves the image config's <c>User</c> (<c>name</c>, <c>uid</c>, <c>name:group</c>, <c>uid:gid</c>)
/// against the unpacked root's <c>/etc/passwd</c> and <c>/etc/group</c>, as container runtimes do.</summary>
public static class ImageUser
{
    /// <summary>The uid, gid and supplementary groups of <paramref name="user"/> (root when empty).</summary>
    /// <exception cref="SandboxException">A user or group name that the image does not define.</exception>
    public static (int Uid, int Gid, IReadOnlyList<int> Groups) Resolve(string root, string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return (0, 0, []);
        }

        var colon = user.IndexOf(':');
        var userPart = colon < 0 ? user : user[..colon];
        var groupPart = colon < 0 ? null : user[(colon + 1)..];
        var passwd = ReadLines(root, "etc/passwd");
        var groups = ReadLines(root, "etc/group");

        int uid;
        int? primaryGid = null;
        string? userName = null;
        if (int.TryParse(userPart, out var numericUid))
        {
            uid = numericUid;
            var row = passwd.FirstOrDefault(r => r.Length > 3 && r[2] == userPart);
            if (row is not null && int.TryParse(row[3], out var g))
            {
                primaryGid = g;
                userName = row[0];
            }
        }
        else
        {
            var row = passwd.FirstOrDefault(r => r.Length > 3 && r[0] == userPart)
                ?? throw new SandboxException($"the image's user '{userPart}' is not in its /etc/passwd");
            uid = int.TryParse(row[2], out var u) ? u : throw new SandboxException($"the image's /etc/passwd has no numeric uid for '{userPart}'");
            primaryGid = int.TryParse(row[3], out var g) ? g : 0;
            userName = userPart;
        }

        int gid;
        if (groupPart is null)
        {
            gid = primaryGid ?? 0;
        }
        else if (!int.TryParse(groupPart, out gid))
        {
            var row = groups.FirstOrDefault(r => r.Length > 2 && r[0] == groupPart)
                ?? throw new SandboxException($"the image's group '{groupPart}' is not in its /etc/group");
            gid = int.TryParse(row[2], out var g) ? g : throw new SandboxException($"the image's /etc/group has no numeric gid for '{groupPart}'");
        }

        var supplementary = userName is null
            ? []
            : groups.Where(r => r.Length > 3 && r[3].Split(',').Contains(userName) && int.TryParse(r[2], out _))
                .Select(r => int.Parse(r[2])).Where(g => g != gid).Distinct().Order().ToList();
        if (uid < 0 || gid < 0)
        {
            throw new SandboxException($"the image's user '{user}' has a negative id");
        }

        return (uid, gid, supplementary);
    }

    private static List<string[]> ReadLines(string root, string relative)
    {
        // Every component must be a real directory or file: a symlink could point at the host's own files.
        var path = root;
        foreach (var part in relative.Split('/'))
        {
            path = Path.Join(path, part);
            if (new FileInfo(path).LinkTarget is not null)
            {
                return [];
            }
        }

        var info = new FileInfo(path);
        if (!info.Exists || info.Length > 4 * 1024 * 1024)
        {
            return [];
        }

        return File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':')).ToList();
    }
}
