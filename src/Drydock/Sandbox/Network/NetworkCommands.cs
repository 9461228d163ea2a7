using System.Diagnostics;

namespace Drydock.Sandbox.Network;

/// <summary>Runs <c>ip</c>, <c>iptables</c> and <c>sysctl</c> for the sink; a failure becomes one line naming the command.</summary>
internal sealed class NetworkCommands
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly string[] SystemDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];
    private readonly Dictionary<string, string> programs;

    private NetworkCommands(Dictionary<string, string> programs) => this.programs = programs;

    /// <summary>Checks that the process is root and that every tool is installed; throws <see cref="SinkNetworkException"/> when not.</summary>
    public static NetworkCommands Locate()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new SinkNetworkException("the sandbox network needs Linux (network namespaces, veth, iptables)");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new SinkNetworkException("the sandbox network needs root (it creates network namespaces, a veth pair and iptables rules)");
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (tool, package) in new[] { ("ip", "iproute2"), ("iptables", "iptables"), ("sysctl", "procps") })
        {
            found[tool] = Find(tool) ?? throw new SinkNetworkException($"the sandbox network needs '{tool}', which is not installed (apt-get install {package})");
        }

        return new NetworkCommands(found);
    }

    /// <summary>Runs <paramref name="tool"/> with <paramref name="args"/>; throws with its first line of error output when it fails.</summary>
    public Task RunAsync(string tool, params string[] args) => RunAsync(tool, args, CancellationToken.None);

    /// <summary>Runs <paramref name="tool"/> inside network namespace <paramref name="ns"/> (<c>ip netns exec</c>).</summary>
    public Task RunInAsync(string ns, string tool, params string[] args) => RunAsync("ip", ["netns", "exec", ns, programs[tool], .. args], CancellationToken.None);

    /// <summary>Runs without throwing; true when the exit code was 0. For clean-up, where the next step must run anyway.</summary>
    public async Task<bool> TryRunAsync(string tool, params string[] args)
    {
        try
        {
            await RunAsync(tool, args, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (SinkNetworkException)
        {
            return false;
        }
    }

    private async Task RunAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(programs[tool])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var command = $"{tool} {string.Join(' ', args)}";
        using var process = Process.Start(psi) ?? throw new SinkNetworkException($"cannot start {command}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var error = (await stderr.ConfigureAwait(false) + await stdout.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                var first = error.Split('\n', 2)[0].Trim();
                throw new SinkNetworkException($"{command} failed (exit {process.ExitCode}){(first.Length > 0 ? ": " + first : string.Empty)}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SinkNetworkException($"{command} did not finish within {Timeout.TotalSeconds} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static string? Find(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(SystemDirectories)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
    }
}
