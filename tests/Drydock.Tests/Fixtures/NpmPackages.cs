namespace Drydock.Tests.Fixtures;

/// <summary>Fetches an npm package tarball with `npm pack` (the npm registry is one the project may use) and unpacks it
/// under .testdata/npm, once per machine. Used for data other tools publish there (the official CycloneDX schemas).</summary>
public static class NpmPackages
{
    private static readonly SemaphoreSlim Lock = new(1, 1);

    /// <summary>The unpacked package folder ("package/" inside the tarball) of <paramref name="name"/>@<paramref name="version"/>.</summary>
    public static async Task<string> UnpackAsync(string name, string version)
    {
        var dir = Path.Combine(RepoPaths.Root, ".testdata", "npm", name.Replace('/', '+').TrimStart('@') + "-" + version);
        var done = Path.Combine(dir, ".complete");
        await Lock.WaitAsync();
        try
        {
            if (!File.Exists(done))
            {
                Directory.CreateDirectory(dir);
                var pack = await ProcessRunner.RunAsync("npm", ["pack", $"{name}@{version}", "--pack-destination", dir, "--silent"], TimeSpan.FromMinutes(3));
                Assert.True(pack.ExitCode == 0, $"npm pack {name}@{version} failed (the npm registry must be reachable): {pack.Stderr}");
                var tarball = Directory.GetFiles(dir, "*.tgz").Single();
                await ProcessRunner.RunCheckedAsync("tar", "xzf", tarball, "-C", dir);
                await File.WriteAllTextAsync(done, "");
            }

            return Path.Combine(dir, "package");
        }
        finally
        {
            Lock.Release();
        }
    }
}
