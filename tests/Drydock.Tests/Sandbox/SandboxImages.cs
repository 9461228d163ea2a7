using Drydock.Sources.Manifests;
using Drydock.Tests.Support;

namespace Drydock.Tests.Sandbox;

/// <summary>Small images for the sandbox: Debian's static busybox with its applets as links, a passwd file, and a
/// script run as the entrypoint.</summary>
internal static class SandboxImages
{
    private static readonly string[] Applets =
        ["sh", "cat", "echo", "chmod", "rm", "sleep", "wget", "nc", "nslookup", "ls", "id", "ps", "mkdir", "touch", "ip", "crontab", "yes", "cp", "awk", "grep", "wc", "head", "seq", "timeout", "printf"];

    /// <summary>A busybox base layer.</summary>
    public static byte[] BaseLayer()
    {
        var tar = new TarBuilder()
            .Directory("bin").Directory("etc").Directory("tmp", 0x3ff).Directory("root", 0x1c0).Directory("home")
            .File("bin/busybox", File.ReadAllBytes(SandboxHost.Busybox), 0x1ed)
            .File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n")
            .File("etc/group", "root:x:0:\napp:x:1000:\nstaff:x:50:app\n")
            .File("etc/motd", "welcome\n");
        foreach (var applet in Applets)
        {
            tar.Symlink("bin/" + applet, "busybox");
        }

        return tar.Build();
    }

    /// <summary>An image whose entrypoint is <c>/bin/sh /app.sh</c> with <paramref name="script"/>.</summary>
    public static InMemoryImage Script(string script, string? user = null, string? workingDir = null, IReadOnlyList<string>? env = null)
    {
        var app = new TarBuilder().File("app.sh", script, 0x1ed).Directory("home/app").Build();
        return new InMemoryImage(BaseLayer(), app)
        {
            Runtime = new ContainerConfig
            {
                Entrypoint = ["/bin/sh", "/app.sh"],
                User = user,
                WorkingDir = workingDir,
                Env = env is null ? null : [.. env],
            },
        };
    }
}
