using System.Diagnostics;

namespace Drydock.Sandbox.Runtime;

/// <summary>Drives an OCI runtime (runc by default, crun accepted) through create, start, kill and delete, with
/// its own state directory so the sandbox's containers never mix with anyone else's.</summary>
public sealed class OciRuntime(string executable, string stateRoot)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The runtime's state folder (<c>--root</c>).</summary>
    public string StateRoot { get; } = stateRoot;

    /// <summary>The runtime executable.</summary>
    public string Executable { get; } = executable;

    /// <summary>Creates the container (not started); its standard streams are captured up to <paramref name="keepBytes"/>.</summary>
    /// <returns>The host pid of the container's init, waiting for <see cref="StartAsync"/>, and the capture.</returns>
    public async Task<CreatedContainer> CreateAsync(string id, string bundle, int keepBytes, CancellationToken cancellationToken)
    {
        var pidFile = Path.Join(bundle, "init.pid");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--root", StateRoot, "create", "--bundle", bundle, "--pid-file", pidFile, id })
        {
            start.ArgumentList.Add(argument);
        }

        // In detached mode the runtime hands its own standard streams to the container: the pipes stay open
        // until the last process of the container closes them, which the captures wait for.
        var process = CommandRunner.StartOrExplain(start);
        process.StandardInput.Close();
        var stdout = new StreamCapture(process.StandardOutput.BaseStream, keepBytes);
        var stderr = new StreamCapture(process.StandardError.BaseStream, keepBytes);
        var reading = Task.WhenAll(stdout.RunAsync(CancellationToken.None), stderr.RunAsync(CancellationToken.None));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new SandboxException($"{Executable} create did not finish within {CommandTimeout.TotalSeconds:0} s");
        }

        if (process.ExitCode != 0 || !File.Exists(pidFile))
        {
            // The runtime's error went to the captured stderr: its last lines say why.
            await Task.WhenAny(reading, Task.Delay(2000, cancellationToken)).ConfigureAwait(false);
            process.Dispose();
            var reason = stderr.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {process.ExitCode}";
            if (reason.Contains("hybrid mode", StringComparison.Ordinal))
            {
                // crun on a hybrid cgroup host: a controller is still attached to cgroup v2.
                reason += " (move the v2 controllers to v1 with scripts/sandbox-host-setup.sh, or use --runtime runc; docs/sandbox.md)";
            }

            throw new SandboxException($"{Executable} could not create the sandbox container: {reason}");
        }

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new CreatedContainer(id, pid, process, stdout, stderr, reading);
    }

    /// <summary>Starts a created container's process.</summary>
    public Task StartAsync(string id, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(Executable, ["--root", StateRoot, "start", id], CommandTimeout, cancellationToken);

    /// <summary>Sends SIGKILL to every process of the container; a container already gone is not an error.</summary>
    public async Task KillAllAsync(string id)
    {
        try
        {
            await CommandRunner.RunAsync(Executable, ["--root", StateRoot, "kill", "--all", id, "KILL"], CommandTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SandboxException)
        {
        }
    }

    /// <summary>Removes the container, killing what is left of it; a container already gone is not an error.</summary>
    public async Task DeleteAsync(string id)
    {
        try
        {
            await CommandRunner.RunAsync(Executable, ["--root", StateRoot, "delete", "--force", id], CommandTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SandboxException) when (!Directory.Exists(Path.Join(StateRoot, id)))
        {
        }
    }
}
