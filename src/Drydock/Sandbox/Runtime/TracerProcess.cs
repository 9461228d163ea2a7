using System.Diagnostics;

namespace Drydock.Sandbox.Runtime;

/// <summary>strace attached to the container's init before it starts, following every fork into the container.</summary>
public sealed class TracerProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task _drain;

    private TracerProcess(Process process)
    {
        _process = process;
        _drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    /// <summary>Attaches to <paramref name="pid"/> and returns once the kernel reports the tracer attached.</summary>
    public static async Task<TracerProcess> AttachAsync(string executable, IReadOnlyList<string> arguments, int pid, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var tracer = new TracerProcess(CommandRunner.StartOrExplain(start));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (TracerPid(pid) == 0)
        {
            if (tracer._process.HasExited || DateTime.UtcNow > deadline)
            {
                tracer.Dispose();
                throw new SandboxException($"{executable} could not attach to the sandbox's init process {pid}");
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        return tracer;
    }

    /// <summary>Waits for the tracer to end (it ends when the last traced process has); kills it after <paramref name="wait"/>.</summary>
    public async Task StopAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _drain.ConfigureAwait(false);
    }

    /// <summary>Kills the tracer if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static int TracerPid(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("TracerPid:", StringComparison.Ordinal))
                {
                    return int.Parse(line.AsSpan(10).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
