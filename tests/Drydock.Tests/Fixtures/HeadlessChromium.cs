namespace Drydock.Tests.Fixtures;

/// <summary>
/// Debian's chromium, headless, taking a screenshot of a local file with every network path closed: in a network
/// namespace of its own (only a loopback that is down) when run as root, and always with flags that resolve no
/// name, proxy every request to a closed loopback port and turn off background traffic.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>The chromium binary, or null when it is not installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>Whether the browser runs in a network namespace of its own (root and util-linux's unshare).</summary>
    public static bool IsolatedNetwork { get; } = Environment.IsPrivilegedProcess && File.Exists("/usr/bin/unshare");

    /// <summary>Why the browser tests are skipped, or null when chromium is there.</summary>
    public static string? SkipReason => Binary is null
        ? "chromium is absent (apt-get install chromium, or run scripts/install-deps.sh)"
        : null;

    /// <summary>Renders <paramref name="htmlFile"/> in a <paramref name="width"/> x <paramref name="height"/> window and returns the PNG screenshot's bytes.</summary>
    public static async Task<byte[]> ScreenshotAsync(string htmlFile, int width, int height)
    {
        var binary = Binary ?? throw new InvalidOperationException(SkipReason);
        var work = Directory.CreateTempSubdirectory("drydock-chromium-");
        try
        {
            var png = Path.Combine(work.FullName, "screenshot.png");
            string[] args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--force-color-profile=srgb",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync", "--disable-default-apps",
                // No network: no name resolves, every request goes to a closed loopback proxy, no background traffic.
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--disable-background-networking", "--disable-component-update", "--disable-domain-reliability",
                "--no-pings", "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                $"--window-size={width},{height}", $"--screenshot={png}",
                new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
            ];
            var env = new Dictionary<string, string> { ["HOME"] = work.FullName, ["XDG_CONFIG_HOME"] = work.FullName, ["XDG_CACHE_HOME"] = work.FullName };
            var result = IsolatedNetwork
                ? await ProcessRunner.RunAsync("/usr/bin/unshare", ["--net", binary, .. args], TimeSpan.FromMinutes(2), env: env, workingDirectory: work.FullName)
                : await ProcessRunner.RunAsync(binary, args, TimeSpan.FromMinutes(2), env: env, workingDirectory: work.FullName);
            if (result.ExitCode != 0 || !File.Exists(png))
            {
                throw new InvalidOperationException($"chromium exited {result.ExitCode} without a screenshot: {result.Stderr}");
            }

            return await File.ReadAllBytesAsync(png);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

/// <summary>A fact that needs Debian's chromium; skipped with the reason when it is absent.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Skip = HeadlessChromium.SkipReason;
    }
}
