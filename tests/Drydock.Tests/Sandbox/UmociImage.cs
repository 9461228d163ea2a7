using Drydock.Tests.Fixtures;

namespace Drydock.Tests.Sandbox;

/// <summary>Builds a real OCI image layout with umoci: Debian's static busybox, its applet links and a script as the
/// entrypoint, one layer, as <c>scripts/build-test-images.sh</c> builds its images.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class UmociImage
{
    /// <summary>Writes the image to <paramref name="layout"/> (tag <c>t</c>) and returns its reference <c>oci:DIR:t</c>.</summary>
    public static async Task<string> BuildAsync(string layout, string script)
    {
        var work = layout + ".work";
        await Run("umoci", "init", "--layout", layout);
        await Run("umoci", "new", "--image", layout + ":t");
        await Run("umoci", "unpack", "--image", layout + ":t", Path.Join(work, "bundle"));
        var root = Path.Join(work, "bundle", "rootfs");
        foreach (var dir in new[] { "bin", "etc", "tmp", "root" })
        {
            Directory.CreateDirectory(Path.Join(root, dir));
        }

        File.Copy(SandboxHost.Busybox, Path.Join(root, "bin", "busybox"));
        foreach (var applet in (await ProcessRunner.RunAsync(SandboxHost.Busybox, ["--list"], TimeSpan.FromSeconds(10))).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (applet != "busybox")
            {
                File.CreateSymbolicLink(Path.Join(root, "bin", applet), "busybox");
            }
        }

        await File.WriteAllTextAsync(Path.Join(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        await File.WriteAllTextAsync(Path.Join(root, "etc", "group"), "root:x:0:\n");
        await File.WriteAllTextAsync(Path.Join(root, "app.sh"), script);
        File.SetUnixFileMode(Path.Join(root, "app.sh"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Join(root, "tmp"), (UnixFileMode)0b1_111_111_111);
        await Run("umoci", "repack", "--image", layout + ":t", Path.Join(work, "bundle"));
        await Run("umoci", "config", "--image", layout + ":t", "--config.entrypoint", "/bin/sh", "--config.entrypoint", "/app.sh");
        Directory.Delete(work, recursive: true);
        return $"oci:{layout}:t";
    }

    private static async Task Run(string tool, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(tool, args, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {result.Stderr}");
    }
}
